import type { ClockState } from "../sla/clock.js";

/** The SLA clocks a conversation or request runs (server/inbox/sla, server/requests/slaCycles.ts). */
export const SERVICE_METRICS = ["first_response", "next_response", "resolution"] as const;
export type ServiceMetric = (typeof SERVICE_METRICS)[number];

export type CycleResult = "met" | "missed" | "breachedOpen" | "open";

/** One run of a clock as the report counts it. */
export interface CycleSample {
  metric: ServiceMetric;
  result: CycleResult;
  /** Business minutes the clock ran (its segments on its calendar), once stopped; null while it runs or without its calendar. */
  businessMinutes: number | null;
}

export interface Attainment {
  met: number;
  missed: number;
  breachedOpen: number;
  open: number;
  /** met ÷ (met + missed + breachedOpen), 0–1; null when no cycle was decided. */
  attainment: number | null;
}

const MINUTE_MS = 60_000;

/**
 * The rules of the Reports page's SLA attainment (server/reports/slaAttainment.ts), per cycle: a stopped
 * cycle keeps the outcome it stopped with; one still running (or paused) that has used more business time
 * than its target can no longer be met, so it is "breached, open" and counts against attainment; one on
 * time is "open" and does not count yet. A cycle whose calendar was removed cannot be evaluated: open.
 * `state` is the cycle evaluated now with the shared pure maths (`evaluateCycle`), null without a calendar.
 */
export function sampleCycle(metric: string, outcome: string | null, state: ClockState | null): CycleSample | null {
  if (!(SERVICE_METRICS as readonly string[]).includes(metric)) return null;
  const stopped = outcome === "met" || outcome === "missed";
  const result: CycleResult = stopped ? outcome : state?.breachedAt != null ? "breachedOpen" : "open";
  return {
    metric: metric as ServiceMetric,
    result,
    businessMinutes: stopped && state ? state.elapsedMs / MINUTE_MS : null,
  };
}

export function attainmentOf(cycles: readonly CycleSample[], metric: ServiceMetric): Attainment {
  const n = { met: 0, missed: 0, breachedOpen: 0, open: 0 };
  for (const c of cycles) if (c.metric === metric) n[c.result] += 1;
  const decided = n.met + n.missed + n.breachedOpen;
  return { ...n, attainment: decided === 0 ? null : Math.round((n.met / decided) * 1000) / 1000 };
}
