import type { AccountDetail } from "../../api/types.js";
import { effectivePermissions } from "./grants.js";
import { PERMISSION_HINTS, PERMISSION_LABELS } from "./labels.js";

function PermissionBadges({ permissions }: { permissions: AccountDetail["yourPermissions"] }) {
  if (permissions.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="badge-list">
      {permissions.map((p) => (
        <li key={p} className={p === "manage" ? "badge badge-accent" : "badge"} title={PERMISSION_HINTS[p]}>
          {PERMISSION_LABELS[p]}
        </li>
      ))}
    </ul>
  );
}

/** Who may do what with this account, through a grant to them or to their team. */
export function AccountAccess({ account }: { account: AccountDetail }) {
  const canView = account.yourPermissions.includes("view");
  const owner = account.owner ? `its owner, ${account.owner.name}, ` : "its owner ";
  return (
    <>
      <p className="section-intro">Besides the people and teams below, {owner}and administrators and social leads can always manage it.</p>
      {!canView ? (
        <p className="muted">Only people with access to this account see who else has it.</p>
      ) : account.grants.length === 0 ? (
        <p className="muted">Nobody has been granted access yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Access to {account.handle}</caption>
            <thead>
              <tr>
                <th scope="col">Person or team</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {account.grants.map((grant) => (
                <tr key={`${grant.subjectType}:${grant.subjectId}`}>
                  <th scope="row" className="cell-person">
                    <span className="person-name">{grant.subjectName}</span>
                    <span className="person-email">{grant.subjectType === "team" ? "Team" : "Person"}</span>
                  </th>
                  <td>
                    <PermissionBadges permissions={effectivePermissions(grant.permissions)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="your-access">
        <span className="muted">Your access:</span> <PermissionBadges permissions={account.yourPermissions} />
      </div>
    </>
  );
}
