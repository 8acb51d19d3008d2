import { useQuery } from "@tanstack/react-query";
import { fetchSla, METRIC_LABELS, type SlaClock, slaKey } from "./queueApi.js";
import { RelativeTime } from "./RelativeTime.js";
import { SLA_CLASS } from "./SlaBadge.js";

const WORDS: Record<SlaClock["status"], string> = {
  running: "due",
  warning: "due soon",
  breached: "overdue",
  paused: "paused",
  met: "met",
  missed: "missed",
};

/** The conversation's SLA policy and its clocks: the running ones, then what was met or missed. */
export function SlaPanel({ conversationId, now }: { conversationId: string; now: number }) {
  const sla = useQuery({ queryKey: slaKey(conversationId), queryFn: () => fetchSla(conversationId), refetchInterval: 30_000 });
  if (!sla.data?.policy && (sla.data?.clocks.length ?? 0) === 0) return null;
  const clocks = sla.data?.clocks ?? [];
  return (
    <section className="inbox-side-section" aria-labelledby="inbox-sla-heading">
      <h3 id="inbox-sla-heading">SLA{sla.data?.policy ? ` · ${sla.data.policy.name}` : ""}</h3>
      <ul className="inbox-sla-clocks">
        {clocks.map((c) => (
          <li key={`${c.metric}-${c.cycle}`}>
            <span>
              {METRIC_LABELS[c.metric]}
              {c.cycle > 1 ? ` (${c.cycle})` : ""}
            </span>
            <span className={SLA_CLASS[c.status]} data-sla={c.status}>
              {WORDS[c.status]}
              {c.dueAt && (c.status === "running" || c.status === "warning" || c.status === "breached") && (
                <>
                  {" "}
                  <RelativeTime iso={c.dueAt} now={now} />
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
