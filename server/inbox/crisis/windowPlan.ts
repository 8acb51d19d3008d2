import { dayOfHour, HOURS_PER_DAY } from "./hourClock.js";
import type { HourlyCounts } from "./hourlyCounts.js";
import { median, sampleVariance } from "./stats.js";
import type { CrisisThresholds } from "./thresholds.js";
import type { CrisisBaseline, CrisisWindowKind } from "./types.js";

/**
 * What one window needs to judge the open hour, worked out once when the hour opens so that
 * each message costs a couple of additions and comparisons.
 */
export interface WindowPlan {
  kind: CrisisWindowKind;
  /** First local hour of the window; it runs to the open hour inclusive. */
  start: number;
  /** Counts of the window's hours before the open one. */
  closedNegative: number;
  closedTotal: number;
  /** Null while the series lacks history: it may not alert. */
  baseline: CrisisBaseline | null;
  /** Expected negatives (the baseline median, at least 1) and their standard deviation. */
  expected: number;
  deviation: number;
  /** Window negatives that raise an alert, provided the share holds too. */
  alertAt: number;
  minShare: number;
  /** Offsets (in days) of the history days behind the baseline. */
  historyDays: readonly number[];
}

/**
 * Previous days (as offsets 1…baselineDays back) that count as history: complete days (the series
 * was already seen before they began) with at least `minHistoryDayMessages` messages.
 */
export function historyDaysOf(counts: HourlyCounts, firstHour: number, t: CrisisThresholds): number[] {
  const today = dayOfHour(counts.hour);
  const firstDay = dayOfHour(firstHour);
  const days: number[] = [];
  for (let back = 1; back <= t.baselineDays; back++) {
    const day = today - back;
    if (day <= firstDay) break;
    if (counts.totalOnDay(day) >= Math.max(1, t.minHistoryDayMessages)) days.push(back);
  }
  return days;
}

export function planWindow(counts: HourlyCounts, kind: CrisisWindowKind, historyDays: readonly number[], t: CrisisThresholds): WindowPlan {
  const hour = counts.hour;
  const start = kind === "day" ? dayOfHour(hour) * HOURS_PER_DAY : hour - t.recentHours + 1;
  const plan: WindowPlan = {
    kind,
    start,
    closedNegative: counts.negativeBetween(start, hour - 1),
    closedTotal: counts.totalBetween(start, hour - 1),
    baseline: null,
    expected: 0,
    deviation: 0,
    alertAt: Number.POSITIVE_INFINITY,
    minShare: 0,
    historyDays,
  };
  if (historyDays.length < t.minHistoryDays) return plan;

  const negatives: number[] = [];
  const dailyNegatives: number[] = [];
  let pooledNegative = 0;
  let pooledTotal = 0;
  for (const back of historyDays) {
    const shift = back * HOURS_PER_DAY;
    const negative = counts.negativeBetween(start - shift, hour - shift);
    negatives.push(negative);
    pooledNegative += negative;
    pooledTotal += counts.totalBetween(start - shift, hour - shift);
    dailyNegatives.push(counts.negativeOnDay(dayOfHour(hour) - back));
  }
  const baselineNegative = median(negatives);
  const baselineShare = pooledTotal > 0 ? pooledNegative / pooledTotal : 0;
  // A window that was empty on every previous day still expects about one message: no division
  // by zero, and the other conditions (minimum count, z-score) decide.
  plan.expected = Math.max(1, baselineNegative);
  // Daily counts vary more than a Poisson process would (news, weather); the larger spread keeps
  // a series that is always jumpy from alerting on its ordinary jumps.
  plan.deviation = Math.sqrt(Math.max(plan.expected, sampleVariance(negatives)));
  plan.baseline = {
    days: historyDays.length,
    negative: baselineNegative,
    negativeShare: baselineShare,
    dailyNegative: median(dailyNegatives),
  };
  plan.alertAt = Math.max(
    t.minNegatives,
    Math.ceil(t.minRatio * plan.expected - 1e-9),
    Math.ceil(plan.expected + t.minZScore * plan.deviation - 1e-9),
  );
  plan.minShare = Math.min(1, baselineShare + t.minShareLift);
  return plan;
}
