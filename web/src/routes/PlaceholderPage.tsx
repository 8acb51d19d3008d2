import { Link } from "react-router";
import type { Area } from "../areas.js";
import { PageHeader } from "../components/PageHeader.js";

/** An area that is planned but not built: what it will do, and an honest "not yet". */
export function PlaceholderPage({ area }: { area: Area }) {
  return (
    <>
      <PageHeader title={area.title} />
      <div className="placeholder">
        <p className="tag">Not available yet</p>
        <p className="placeholder-summary">{area.summary}</p>
        <p className="muted">
          This area is not available yet. It will appear here when it is built; until then, <Link to="/">Home</Link> lists what you can use
          today.
        </p>
      </div>
    </>
  );
}
