import { useQuery } from "@tanstack/react-query";
import { auditKey, fetchAuditEvents } from "../../api/audit.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { Time } from "../../components/Time.js";

const LIMIT = 20;

/** The latest audit events about this account (for people who may read the audit log). */
export function AccountActivity({ accountId }: { accountId: string }) {
  const filters = { targetId: accountId };
  const events = useQuery({ queryKey: [...auditKey, filters, LIMIT], queryFn: () => fetchAuditEvents(filters, undefined, LIMIT) });
  if (events.isPending) return <Loading label="Loading activity…" />;
  if (events.isError) return <ErrorMessage error={events.error} title="The activity could not be loaded" />;
  const list = events.data.events;
  if (list.length === 0) return <p className="muted">Nothing has happened to this account yet.</p>;
  return (
    <>
      <ol className="activity-list">
        {list.map((event) => (
          <li key={event.seq} className="activity-item">
            <span className="activity-when">
              <Time iso={event.at} />
            </span>
            <span className="activity-what">
              {event.summary}
              <span className="person-email">
                by {event.actorLabel} · <code>{event.action}</code>
              </span>
            </span>
          </li>
        ))}
      </ol>
      {events.data.nextBefore !== null && (
        <p className="field-hint section-note">Showing the latest {LIMIT} events; the audit log has them all.</p>
      )}
    </>
  );
}
