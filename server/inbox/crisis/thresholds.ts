/**
 * The knobs of crisis detection. Defaults were chosen on the airline replay
 * (docs/crisis-detection.md explains each and shows the margins).
 */
export interface CrisisThresholds {
  /** Length of the trailing window, in hours, the open hour included (1–24). */
  recentHours: number;
  /** How many previous days the baseline looks back over. */
  baselineDays: number;
  /** Previous days with enough traffic a series needs before it may alert at all. */
  minHistoryDays: number;
  /** Messages (any sentiment) a previous day needs to count as history; a near-empty day says more about coverage than about the series. */
  minHistoryDayMessages: number;
  /** Negative messages a window needs before it may alert, whatever the ratio: tiny series stay quiet. */
  minNegatives: number;
  /** Window negatives must be at least this multiple of the baseline for the same hours. */
  minRatio: number;
  /** …and this many standard deviations above it (Poisson, or the day-to-day spread when larger). */
  minZScore: number;
  /** …and the window's negative share must be at least the baseline share plus this (0–1), so a surge of praise is no crisis. */
  minShareLift: number;
  /** An episode lasts while a window stays at this multiple of its baseline… */
  episodeRatio: number;
  /** …and ends after this many hours below it; only then may the series alert again. */
  quietHoursToEndEpisode: number;
  /** Ids of the latest negative messages kept per series and handed over with an alert. */
  maxMessageIds: number;
  /** Offset of the organisation's local day from UTC, in minutes: days start at local midnight. */
  utcOffsetMinutes: number;
}

export const defaultCrisisThresholds: Readonly<CrisisThresholds> = Object.freeze({
  recentHours: 12,
  baselineDays: 7,
  minHistoryDays: 2,
  minHistoryDayMessages: 20,
  minNegatives: 40,
  minRatio: 2,
  minZScore: 4,
  minShareLift: 0,
  episodeRatio: 1.5,
  quietHoursToEndEpisode: 12,
  maxMessageIds: 200,
  utcOffsetMinutes: 0,
});

const limits: { [K in keyof CrisisThresholds]: [min: number, max: number, integer: boolean] } = {
  recentHours: [1, 24, true],
  baselineDays: [1, 60, true],
  minHistoryDays: [1, 60, true],
  minHistoryDayMessages: [0, Number.MAX_SAFE_INTEGER, true],
  minNegatives: [1, Number.MAX_SAFE_INTEGER, true],
  minRatio: [1, 1000, false],
  minZScore: [0, 1000, false],
  minShareLift: [-1, 1, false],
  episodeRatio: [1, 1000, false],
  quietHoursToEndEpisode: [1, 24 * 60, true],
  maxMessageIds: [0, 100_000, true],
  utcOffsetMinutes: [-14 * 60, 14 * 60, true],
};

/** Defaults overridden by `overrides`; throws a RangeError naming every value out of range. */
export function resolveCrisisThresholds(overrides: Partial<CrisisThresholds> = {}): CrisisThresholds {
  const thresholds = { ...defaultCrisisThresholds, ...overrides };
  const problems: string[] = [];
  for (const [key, [min, max, integer]] of Object.entries(limits) as [keyof CrisisThresholds, [number, number, boolean]][]) {
    const value = thresholds[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push(`${key} must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${String(value)})`);
    }
  }
  if (thresholds.minHistoryDays > thresholds.baselineDays) problems.push("minHistoryDays cannot exceed baselineDays");
  if (problems.length > 0) throw new RangeError(`Invalid crisis thresholds: ${problems.join("; ")}`);
  return thresholds;
}
