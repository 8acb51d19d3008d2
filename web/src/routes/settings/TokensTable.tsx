import type { ApiToken } from "../../api/types.js";
import { Time } from "../../components/Time.js";

function status(token: ApiToken): { label: string; className: string } {
  if (token.revoked) return { label: "Revoked", className: "status status-off" };
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return { label: "Expired", className: "status status-off" };
  return { label: "Active", className: "status status-on" };
}

export function TokensTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col" className="cell-actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const { label, className } = status(token);
            return (
              <tr key={token.id}>
                <th scope="row" className="cell-person">
                  <span className="person-name">{token.name}</span>
                  <code className="person-email">{token.prefix}…</code>
                </th>
                <td>
                  <ul className="badge-list">
                    {token.scopes.map((scope) => (
                      <li key={scope} className="badge badge-mono">
                        {scope}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="cell-nowrap">
                  <Time iso={token.createdAt} />
                </td>
                <td className="cell-nowrap">
                  <Time iso={token.expiresAt} fallback="Never" />
                </td>
                <td className="cell-nowrap">
                  <Time iso={token.lastUsedAt} fallback="Never used" />
                </td>
                <td>
                  <span className={className}>{label}</span>
                </td>
                <td className="cell-actions">
                  {!token.revoked && (
                    <button
                      type="button"
                      className="button button-small button-danger-quiet"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => onRevoke(token)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
