import type { AuditEvent } from "../../api/types.js";
import { AuditEventRow } from "./AuditEventRow.js";

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-audit">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="cell-toggle">
              <span className="sr-only">Details</span>
            </th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <AuditEventRow key={event.seq} event={event} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
