import { HOURS_PER_DAY, isoOfLocalHour } from "./hourClock.js";
import type { HourlyCounts } from "./hourlyCounts.js";
import type { RecentMessageIds } from "./recentMessageIds.js";
import { median, roundTo } from "./stats.js";
import type { CrisisThresholds } from "./thresholds.js";
import type { CrisisAlert, CrisisBaseline, CrisisSeverity } from "./types.js";
import type { WindowPlan } from "./windowPlan.js";

/** How far back the start of a spike is looked for. */
const SPIKE_SEARCH_HOURS = HOURS_PER_DAY;

/**
 * The hour from which the negatives in excess of the baseline add up to the most (the change
 * point a CUSUM chart would mark): quiet hours before the surge lower the sum and are left out.
 */
export function spikeStartHour(counts: HourlyCounts, historyDays: readonly number[]): number {
  let best = counts.hour;
  let bestExcess = Number.NEGATIVE_INFINITY;
  let excess = 0;
  for (let hour = counts.hour; hour > counts.hour - SPIKE_SEARCH_HOURS; hour--) {
    excess += counts.negativeAt(hour) - median(historyDays.map((back) => counts.negativeAt(hour - back * HOURS_PER_DAY)));
    if (excess > bestExcess) {
      bestExcess = excess;
      best = hour;
    }
  }
  return best;
}

export function severityOf(ratio: number): CrisisSeverity {
  if (ratio >= 4) return "critical";
  if (ratio >= 3) return "major";
  return "warning";
}

export function buildAlert(input: {
  series: string;
  raisedAtMs: number;
  plan: WindowPlan & { baseline: CrisisBaseline };
  negative: number;
  total: number;
  counts: HourlyCounts;
  ids: RecentMessageIds;
  thresholds: CrisisThresholds;
}): CrisisAlert {
  const { plan, negative, total, counts, thresholds } = input;
  const start = spikeStartHour(counts, plan.historyDays);
  const ratio = negative / plan.expected;
  const ids = input.ids.since(start);
  return {
    series: input.series,
    raisedAt: new Date(input.raisedAtMs).toISOString(),
    spikeStart: isoOfLocalHour(start, thresholds.utcOffsetMinutes),
    window: {
      kind: plan.kind,
      start: isoOfLocalHour(plan.start, thresholds.utcOffsetMinutes),
      negative,
      total,
      negativeShare: roundTo(total > 0 ? negative / total : 0, 4),
    },
    baseline: { ...plan.baseline, negativeShare: roundTo(plan.baseline.negativeShare, 4) },
    ratio: roundTo(ratio, 2),
    zScore: roundTo((negative - plan.expected) / plan.deviation, 2),
    severity: severityOf(ratio),
    messageIds: ids.length > thresholds.maxMessageIds ? ids.slice(-thresholds.maxMessageIds) : ids,
  };
}
