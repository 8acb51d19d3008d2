import { Time } from "../../components/Time.js";
import { AGENT_STATUS_LABELS, type Clock, METRIC_LABELS, STATUS_LABELS, type Status } from "./requestsApi.js";

const STATUS_CLASS: Record<Status, string> = {
  new: "badge badge-accent",
  open: "badge badge-accent",
  pending: "badge badge-warn",
  on_hold: "badge badge-quiet",
  resolved: "badge badge-ok",
  closed: "badge badge-quiet",
};

export function StatusBadge({ status, agent = false }: { status: Status; agent?: boolean }) {
  return <span className={STATUS_CLASS[status]}>{(agent ? AGENT_STATUS_LABELS : STATUS_LABELS)[status]}</span>;
}

const SLA_CLASS: Record<Clock["status"], string> = {
  running: "badge",
  warning: "badge badge-warn",
  breached: "badge badge-danger",
  paused: "badge badge-quiet",
  met: "badge badge-ok",
  missed: "badge badge-danger",
};

const SLA_WORD: Record<Clock["status"], string> = {
  running: "due",
  warning: "due soon",
  breached: "overdue since",
  paused: "paused",
  met: "met",
  missed: "missed",
};

/** An SLA clock as a badge: what is due, when, and whether it is close or late. */
export function SlaBadge({ clock }: { clock: Clock | null }) {
  if (!clock) return <span className="muted">—</span>;
  const when = clock.status === "breached" ? clock.breachedAt : clock.dueAt;
  return (
    <span className={SLA_CLASS[clock.status]} data-sla={clock.status}>
      {METRIC_LABELS[clock.metric]} {SLA_WORD[clock.status]}
      {when && (clock.status === "running" || clock.status === "warning" || clock.status === "breached") && (
        <>
          {" "}
          <Time iso={when} />
        </>
      )}
    </span>
  );
}

export const minutes = (m: number) => (m >= 120 ? `${Math.round((m / 60) * 10) / 10} h` : `${m} min`);
