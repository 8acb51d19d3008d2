import type { ReactNode } from "react";
import type { Permission } from "../api/types.js";
import { PageHeader } from "../components/PageHeader.js";
import { useCan } from "./currentUser.js";

/** Pages behind a permission explain the refusal instead of showing an empty screen. */
export function RequirePermission({ permission, title, children }: { permission: Permission; title: string; children: ReactNode }) {
  if (useCan(permission)) return children;
  return (
    <>
      <PageHeader title={title} />
      <div className="notice">
        <p>
          You do not have permission to see this page (it needs <code>{permission}</code>). Ask an administrator if you need access.
        </p>
      </div>
    </>
  );
}
