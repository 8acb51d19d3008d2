import type { NetworkApp } from "../../api/types.js";
import { Time } from "../../components/Time.js";

/** One line of the table: a network, and its app when one is saved. */
export interface NetworkAppRow {
  network: string;
  networkName: string;
  app: NetworkApp | undefined;
}

interface NetworkAppsTableProps {
  rows: NetworkAppRow[];
  onEdit: (row: NetworkAppRow) => void;
}

export function NetworkAppsTable({ rows, onEdit }: NetworkAppsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Network apps</caption>
        <thead>
          <tr>
            <th scope="col">Network</th>
            <th scope="col">Client ID</th>
            <th scope="col">Client secret</th>
            <th scope="col">Updated</th>
            <th scope="col" className="cell-actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { app } = row;
            const label = app?.baseUrl ? `${row.networkName} ${app.baseUrl}` : row.networkName;
            return (
              <tr key={app?.id ?? row.network}>
                <th scope="row" className="cell-person">
                  <span className="person-name">{row.networkName}</span>
                  {app?.baseUrl && <span className="person-email break-anywhere">{app.baseUrl}</span>}
                </th>
                <td className="cell-nowrap">{app ? <code>{app.clientId}</code> : <span className="muted">Not set up</span>}</td>
                <td className="cell-nowrap">
                  {!app ? (
                    <span className="muted">—</span>
                  ) : app.hasSecret ? (
                    <span className="status">Secret stored</span>
                  ) : (
                    <span className="status status-warn">No secret</span>
                  )}
                </td>
                <td className="cell-nowrap">{app ? <Time iso={app.updatedAt} /> : <span className="muted">—</span>}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`${app ? "Change" : "Set up"} ${label}`}
                    onClick={() => onEdit(row)}
                  >
                    {app ? "Change" : "Set up"}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
