import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { SlaBadge, StatusBadge } from "../requests/parts.js";
import { fetchMine, requestKeys } from "../requests/requestsApi.js";

const SHOWN = 5;

/** The person's open requests (not resolved or closed), with status and the SLA clock due next. */
export function MyRequests() {
  const mine = useQuery({ queryKey: requestKeys.mine, queryFn: fetchMine });
  const open = (mine.data ?? []).filter((r) => r.status !== "resolved" && r.status !== "closed");
  return (
    <section className="card home-card" aria-labelledby="home-requests">
      <div className="home-card-head">
        <h2 id="home-requests">My requests</h2>
        <Link to="/helpdesk">All my requests</Link>
      </div>
      {mine.isPending && <Loading label="Loading your requests…" />}
      <ErrorMessage error={mine.error} title="Your requests could not be loaded" />
      {mine.data && open.length === 0 && (
        <p className="muted home-empty">
          {mine.data.length === 0 ? "You have not asked the help desk anything yet." : "Nothing open: all your requests are resolved."}
        </p>
      )}
      {open.length > 0 && (
        <ul className="home-list">
          {open.slice(0, SHOWN).map((r) => (
            <li key={r.id}>
              <Link to={`/helpdesk/requests/${r.number}`} className="home-item-title">
                #{r.number} {r.subject}
              </Link>
              <span className="home-item-meta">
                <StatusBadge status={r.status} />
                {r.sla && r.status !== "pending" && r.status !== "on_hold" && <SlaBadge clock={r.sla} />}
                <span className="muted">{r.queue.name}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {open.length > SHOWN && <p className="muted home-more">and {open.length - SHOWN} more</p>}
    </section>
  );
}
