import { instantToZonedTime, zonedTimeToInstant } from "../../../shared/zonedTime.js";

/**
 * How a post repeats: every `interval` days, weeks or months at the same wall-clock time in its
 * time zone ("09:00 every Monday" stays 09:00 across a DST change), until a local date or for a
 * number of occurrences in all, whichever comes first.
 */
export interface RepeatRule {
  frequency: "daily" | "weekly" | "monthly";
  interval: number;
  /** YYYY-MM-DD in the post's zone: no occurrence after this day. */
  until?: string | undefined;
  /** How many times the post goes out in all, the first included. */
  count?: number | undefined;
}

const DAY_MS = 86_400_000;

/** A calendar date moved by whole days, months keeping the day (or the month's last day). */
function addToDate(date: string, frequency: RepeatRule["frequency"], steps: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  if (frequency !== "monthly") {
    return new Date(Date.UTC(y, m - 1, d) + steps * (frequency === "weekly" ? 7 : 1) * DAY_MS).toISOString().slice(0, 10);
  }
  const first = new Date(Date.UTC(y, m - 1 + steps, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * The occurrence after `occurrence` (1 = the first post, at `firstAt`), or null when the series
 * has ended. Counted from the first occurrence, so a month with no 31st does not shift the rest.
 */
export function occurrenceAt(rule: RepeatRule, firstAt: string, timeZone: string, occurrence: number): string | null {
  if (rule.count !== undefined && occurrence > rule.count) return null;
  const first = instantToZonedTime(firstAt, timeZone);
  const date = addToDate(first.date, rule.frequency, (occurrence - 1) * rule.interval);
  if (rule.until !== undefined && date > rule.until) return null;
  return zonedTimeToInstant({ date, time: first.time }, timeZone)?.iso ?? null;
}

/** The first occurrence after `after`, with its number; null when the series ends before. */
export function nextOccurrence(
  rule: RepeatRule,
  firstAt: string,
  timeZone: string,
  fromOccurrence: number,
  after: Date,
): { occurrence: number; at: string } | null {
  for (let n = fromOccurrence; n < fromOccurrence + 10_000; n++) {
    const at = occurrenceAt(rule, firstAt, timeZone, n);
    if (at === null) return null;
    if (Date.parse(at) > after.getTime()) return { occurrence: n, at };
  }
  return null;
}
