import type { SlaBadgeData, SlaStatus } from "./queueApi.js";
import { METRIC_LABELS } from "./queueApi.js";
import { RelativeTime } from "./RelativeTime.js";

const CLASS: Record<SlaStatus, string> = {
  running: "badge badge-quiet",
  warning: "badge badge-warn",
  breached: "badge badge-danger",
  paused: "badge badge-quiet",
  met: "badge badge-ok",
  missed: "badge badge-danger",
};

/** The SLA clock due next: grey while on time, amber within the warning time, red once past due. */
export function SlaBadge({ sla, now }: { sla: SlaBadgeData | null | undefined; now: number }) {
  if (!sla) return null;
  const word = sla.status === "breached" ? "overdue" : "due";
  return (
    <span
      className={`${CLASS[sla.status]} inbox-sla`}
      data-sla={sla.status}
      title={`${METRIC_LABELS[sla.metric]} ${word} ${new Date(sla.dueAt).toLocaleString()}`}
    >
      <span aria-hidden="true">◷ </span>
      {METRIC_LABELS[sla.metric]} {word} <RelativeTime iso={sla.dueAt} now={now} />
    </span>
  );
}

export const SLA_CLASS = CLASS;
