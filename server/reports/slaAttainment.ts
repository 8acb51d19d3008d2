import type { Database } from "../db/database.js";
import { calendarsById, listQueues } from "../requests/config.js";
import { SLA_METRICS, type SlaMetric } from "../requests/model.js";
import { evaluateCycle } from "../requests/slaCycles.js";
import { column, percent, type ReportDefinition, type ReportRange, type ReportTable } from "./model.js";

const METRIC_LABELS: Record<SlaMetric, string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};

/**
 * SLA attainment per queue and clock, one count per cycle (request_sla_cycles) started in the range:
 * a reopened request's second resolution cycle counts on its own and its first keeps its result;
 * pauses are already inside each cycle's segments. A cycle still running that has passed its target
 * can no longer be met, so it counts as missed (and in "breached, open"); one on time is "open".
 */
export async function slaAttainment(db: Database, range: ReportRange, now: number): Promise<ReportTable> {
  const cycles = await db
    .selectFrom("request_sla_cycles as c")
    .innerJoin("requests as r", "r.id", "c.request_id")
    .selectAll("c")
    .select("r.queue_id")
    .where("c.started_at", ">=", range.from)
    .where("c.started_at", "<", range.to)
    .execute();
  const [calendars, queues] = await Promise.all([
    calendarsById(
      db,
      cycles.map((c) => c.calendar_id),
    ),
    listQueues(db),
  ]);
  const counts = new Map<string, { met: number; missed: number; breachedOpen: number; open: number }>();
  for (const c of cycles) {
    const key = `${c.queue_id}\u0000${c.metric}`;
    const n = counts.get(key) ?? { met: 0, missed: 0, breachedOpen: 0, open: 0 };
    if (c.outcome === "met") n.met += 1;
    else if (c.outcome === "missed") n.missed += 1;
    else {
      const calendar = calendars.get(c.calendar_id);
      const state = calendar ? evaluateCycle(calendar, c, now) : null;
      if (state?.breachedAt !== null && state?.breachedAt !== undefined) {
        n.missed += 1;
        n.breachedOpen += 1;
      } else n.open += 1;
    }
    counts.set(key, n);
  }
  const rows: ReportTable["rows"] = [];
  for (const q of queues) {
    for (const metric of SLA_METRICS) {
      const n = counts.get(`${q.id}\u0000${metric}`);
      if (!n) continue;
      rows.push({
        queue: q.name,
        metric: METRIC_LABELS[metric],
        cycles: n.met + n.missed + n.open,
        met: n.met,
        missed: n.missed,
        breachedOpen: n.breachedOpen,
        open: n.open,
        attainment: percent(n.met, n.met + n.missed),
      });
    }
  }
  return {
    columns: [
      column("queue", "Queue"),
      column("metric", "Clock"),
      column("cycles", "Cycles"),
      column("met", "Met"),
      column("missed", "Missed"),
      column("breachedOpen", "Breached, still open"),
      column("open", "Open, on time"),
      column("attainment", "Attainment %"),
    ],
    rows,
  };
}

export const slaReport: ReportDefinition = {
  name: "sla",
  title: "SLA attainment",
  permission: "requests.manage",
  ranged: true,
  build: slaAttainment,
};
