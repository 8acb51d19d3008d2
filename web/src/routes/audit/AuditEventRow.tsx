import { Fragment, useState } from "react";
import type { AuditEvent } from "../../api/types.js";
import { Time } from "../../components/Time.js";

const COLUMNS = 6;

function Target({ event }: { event: AuditEvent }) {
  if (!event.targetType) return <span className="muted">—</span>;
  return (
    <span className="target">
      {event.targetType}
      {event.targetId && (
        <code className="target-id" title={event.targetId}>
          {event.targetId.slice(0, 8)}
        </code>
      )}
    </span>
  );
}

/** One event, with a disclosure button that shows what changed and where the request came from. */
export function AuditEventRow({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-event-${event.seq}`;
  return (
    <Fragment>
      <tr className={open ? "row-open" : undefined}>
        <td className="cell-toggle">
          <button
            type="button"
            className="disclosure"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`Details of event ${event.seq}`}
            onClick={() => setOpen((v) => !v)}
          >
            <span className="chevron" aria-hidden="true" />
          </button>
        </td>
        <td className="cell-nowrap">
          <Time iso={event.at} />
        </td>
        <td>{event.actorLabel}</td>
        <td>
          <code className="action">{event.action}</code>
        </td>
        <td className="cell-nowrap">
          <Target event={event} />
        </td>
        <td className="cell-summary">{event.summary}</td>
      </tr>
      {open && (
        <tr id={detailsId} className="details-row">
          <td colSpan={COLUMNS}>
            <dl className="details-grid">
              <dt>Sequence</dt>
              <dd>{event.seq}</dd>
              <dt>IP address</dt>
              <dd>{event.ip ?? "—"}</dd>
              <dt>Request ID</dt>
              <dd>
                <code>{event.requestId ?? "—"}</code>
              </dd>
              <dt>Target ID</dt>
              <dd>
                <code>{event.targetId ?? "—"}</code>
              </dd>
              <dt>Hash</dt>
              <dd>
                <code className="hash">{event.hash}</code>
              </dd>
              <dt>Changes</dt>
              <dd>
                {event.changes === null || event.changes === undefined ? (
                  <span className="muted">No changes recorded</span>
                ) : (
                  <pre className="json">{JSON.stringify(event.changes, null, 2)}</pre>
                )}
              </dd>
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
