import { randomUUID } from "node:crypto";
import type { Database } from "../db/database.js";
import type { RequestSlaCyclesTable } from "../db/schema.js";
import { type ClockSegment, type ClockState, evaluateClock } from "../sla/clock.js";
import { type Calendar, calendarsById, type SlaPolicy } from "./config.js";
import type { SlaMetric } from "./model.js";

/**
 * The request's SLA clocks in the database: each run is a row (a cycle) with its running segments,
 * evaluated by the pure maths in server/sla. Every function here runs in the caller's transaction.
 */
export type CycleRow = RequestSlaCyclesTable;

const MINUTE = 60_000;

export const segmentsOf = (row: Pick<CycleRow, "segments">): ClockSegment[] =>
  (JSON.parse(row.segments) as [string, string | null][]).map(([s, e]) => ({
    start: Date.parse(s),
    end: e === null ? null : Date.parse(e),
  }));

const serialise = (segments: readonly ClockSegment[]) =>
  JSON.stringify(segments.map((s) => [new Date(s.start).toISOString(), s.end === null ? null : new Date(s.end).toISOString()]));

export function evaluateCycle(calendar: Calendar, row: CycleRow, now: number, segments = segmentsOf(row)): ClockState {
  return evaluateClock(
    calendar,
    {
      targetMs: row.target_minutes * MINUTE,
      warnBeforeMs: row.warn_before_minutes * MINUTE,
      segments,
      stoppedAt: row.stopped_at ? Date.parse(row.stopped_at) : null,
    },
    now,
  );
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const TARGET: Record<SlaMetric, keyof Pick<SlaPolicy, "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes">> = {
  first_response: "firstResponseMinutes",
  next_response: "nextResponseMinutes",
  resolution: "resolutionMinutes",
};

/** Starts a new run of a clock (running unless the request is paused). */
export async function startCycle(
  trx: Database,
  requestId: string,
  metric: SlaMetric,
  policy: SlaPolicy,
  calendar: Calendar,
  now: number,
  running: boolean,
): Promise<void> {
  const last = await trx
    .selectFrom("request_sla_cycles")
    .select((eb) => eb.fn.max("cycle").as("cycle"))
    .where("request_id", "=", requestId)
    .where("metric", "=", metric)
    .executeTakeFirst();
  const row: CycleRow = {
    id: randomUUID(),
    request_id: requestId,
    metric,
    cycle: Number(last?.cycle ?? 0) + 1,
    calendar_id: calendar.id,
    target_minutes: policy[TARGET[metric]],
    warn_before_minutes: policy.warnBeforeMinutes,
    segments: serialise(running ? [{ start: now, end: null }] : []),
    started_at: new Date(now).toISOString(),
    due_at: null,
    warn_at: null,
    warned_at: null,
    breached_at: null,
    stopped_at: null,
    outcome: null,
  };
  const state = evaluateCycle(calendar, row, now);
  await trx
    .insertInto("request_sla_cycles")
    .values({ ...row, due_at: iso(state.dueAt), warn_at: iso(state.warnAt) })
    .execute();
}

async function openCycles(trx: Database, requestId: string, metrics?: readonly SlaMetric[]) {
  let q = trx.selectFrom("request_sla_cycles").selectAll().where("request_id", "=", requestId).where("stopped_at", "is", null);
  if (metrics) q = q.where("metric", "in", [...metrics]);
  const rows = await q.execute();
  const calendars = await calendarsById(
    trx,
    rows.map((r) => r.calendar_id),
  );
  return rows.flatMap((row) => {
    const calendar = calendars.get(row.calendar_id);
    return calendar ? [{ row, calendar }] : [];
  });
}

async function save(trx: Database, row: CycleRow, calendar: Calendar, segments: ClockSegment[], now: number, stop: boolean) {
  const stopped = stop ? { ...row, stopped_at: new Date(now).toISOString() } : row;
  const state = evaluateCycle(calendar, stopped, now, segments);
  await trx
    .updateTable("request_sla_cycles")
    .set({
      segments: serialise(segments),
      due_at: stop ? null : iso(state.dueAt),
      warn_at: stop ? null : iso(state.warnAt),
      ...(stop
        ? {
            stopped_at: stopped.stopped_at,
            outcome: state.status === "missed" ? "missed" : "met",
            breached_at: row.breached_at ?? iso(state.breachedAt),
          }
        : {}),
    })
    .where("id", "=", row.id)
    .execute();
}

/** Pending or on hold: every running clock stands still. */
export async function pauseClocks(trx: Database, requestId: string, now: number): Promise<void> {
  for (const { row, calendar } of await openCycles(trx, requestId)) {
    const segments = segmentsOf(row);
    const last = segments.at(-1);
    if (!last || last.end !== null) continue;
    last.end = now;
    await save(trx, row, calendar, segments, now, false);
  }
}

/** Back to new or open: every paused clock runs again. */
export async function resumeClocks(trx: Database, requestId: string, now: number): Promise<void> {
  for (const { row, calendar } of await openCycles(trx, requestId)) {
    const segments = segmentsOf(row);
    if (segments.at(-1)?.end === null) continue;
    segments.push({ start: now, end: null });
    await save(trx, row, calendar, segments, now, false);
  }
}

/** Stops these clocks for good (answered, resolved): met or missed. */
export async function stopClocks(trx: Database, requestId: string, metrics: readonly SlaMetric[], now: number): Promise<number> {
  const open = await openCycles(trx, requestId, metrics);
  for (const { row, calendar } of open) {
    const segments = segmentsOf(row);
    const last = segments.at(-1);
    if (last && last.end === null) last.end = now;
    await save(trx, row, calendar, segments, now, true);
  }
  return open.length;
}

export async function hasOpenCycle(trx: Database, requestId: string, metric: SlaMetric): Promise<boolean> {
  return (await openCycles(trx, requestId, [metric])).length > 0;
}

export async function cyclesOf(db: Database, requestIds: readonly string[]): Promise<CycleRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom("request_sla_cycles")
    .selectAll()
    .where("request_id", "in", [...requestIds])
    .orderBy("started_at")
    .orderBy("metric")
    .execute();
}
