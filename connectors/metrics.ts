/** Small helpers the connectors share when turning a network's counts into a MetricsReport. */
import type { MetricName, MetricReading, MetricsReport, PostMetrics } from "./types.js";

export type MetricValues = Partial<Record<MetricName, number | null | undefined>>;

/**
 * The offered metrics a network returned as readings, and the ones it did not as `missing` (a gap, never a
 * zero). Only whole, non-negative numbers count as a reading.
 */
export function readingsOf(offered: readonly MetricName[], values: MetricValues): { readings: MetricReading[]; missing: MetricName[] } {
  const readings: MetricReading[] = [];
  const missing: MetricName[] = [];
  for (const metric of offered) {
    const value = values[metric];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) readings.push({ metric, value: Math.round(value) });
    else missing.push(metric);
  }
  return { readings, missing };
}

/** One post's metrics: `missing` is left out when nothing is. */
export function postMetrics(remoteId: string, offered: readonly MetricName[], values: MetricValues): PostMetrics {
  const { readings, missing } = readingsOf(offered, values);
  return missing.length > 0 ? { remoteId, readings, missing } : { remoteId, readings };
}

/** The report from the account's readings (what it did not return as `missingAccount`) and the posts'. */
export function metricsReport(account: ReturnType<typeof readingsOf>, posts: readonly PostMetrics[]): MetricsReport {
  return { account: account.readings, posts, ...(account.missing.length > 0 ? { missingAccount: account.missing } : {}) };
}

/** A post the network no longer has: every metric it offers is a gap. */
export const gonePost = (remoteId: string, offered: readonly MetricName[]): PostMetrics => ({
  remoteId,
  readings: [],
  missing: [...offered],
});

/** `list` in consecutive slices of at most `size` (a network's batch limit). */
export function inBatches<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Adds counts that are all present; any absent one makes the sum absent (no partial totals). */
export function sumOf(...values: (number | null | undefined)[]): number | undefined {
  let total = 0;
  for (const value of values) {
    if (typeof value !== "number") return undefined;
    total += value;
  }
  return total;
}
