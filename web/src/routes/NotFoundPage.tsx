import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader.js";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. <Link to="/">Go to Home</Link>.
      </p>
    </>
  );
}
