import { isoDate, isTimeZone, type LocalDate, localDateOf, nextDay, weekdayOf, zonedToInstant } from "./zoned.js";

/**
 * Business hours: when the clock of a service-level target runs. Pure maths, no database, so
 * the help desk's requests and the inbox's conversations share it.
 */
export interface BusinessCalendar {
  /** IANA zone the hours are in, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Opening windows by weekday (0 = Sunday … 6 = Saturday), "HH:MM" wall-clock times; end may be "24:00". */
  weekly: readonly { day: number; start: string; end: string }[];
  /** Closed days, as local dates "YYYY-MM-DD". */
  holidays: readonly string[];
}

/** Open every minute of every day (incidents), in UTC. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: "UTC",
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "00:00", end: "24:00" })),
  holidays: [],
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export const minuteOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h as number) * 60 + (m as number);
};

/** What is wrong with a calendar, in words a form can show; empty when it is usable. */
export function calendarProblems(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!isTimeZone(cal.timeZone)) problems.push(`Unknown time zone "${cal.timeZone}".`);
  if (cal.weekly.length === 0) problems.push("At least one opening window is needed.");
  for (const w of cal.weekly) {
    if (!Number.isInteger(w.day) || w.day < 0 || w.day > 6) problems.push(`Day ${w.day} is not 0–6.`);
    if (!HHMM.test(w.start) || !HHMM.test(w.end)) problems.push(`Window ${w.start}–${w.end} is not HH:MM–HH:MM.`);
    else if (minuteOf(w.start) >= minuteOf(w.end)) problems.push(`Window ${w.start}–${w.end} ends before it starts.`);
  }
  for (const d of cal.holidays) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) problems.push(`Holiday "${d}" is not YYYY-MM-DD.`);
  return problems;
}

/** A calendar that opens for ten years of days without a window cannot ever be met. */
const MAX_DAYS = 3660;

/** The open intervals [start, end) of one local day, as instants, in order (overlapping windows merged). */
function openIntervalsOn(cal: BusinessCalendar, date: LocalDate): [number, number][] {
  if (cal.holidays.includes(isoDate(date))) return [];
  const weekday = weekdayOf(date);
  const raw = cal.weekly
    .filter((w) => w.day === weekday)
    .map((w): [number, number] => [
      zonedToInstant(date, minuteOf(w.start), cal.timeZone),
      zonedToInstant(date, minuteOf(w.end), cal.timeZone),
    ])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of raw) {
    const last = merged.at(-1);
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/** Open intervals from an instant on, clipped to start there. */
export function* openIntervalsFrom(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  // Start a day early: a window of the previous local day may still be open (zones far from UTC).
  let date = localDateOf(from - 86_400_000, cal.timeZone);
  let emptyDays = 0;
  let lastEnd = -Infinity;
  while (emptyDays < MAX_DAYS) {
    const intervals = openIntervalsOn(cal, date);
    emptyDays = intervals.length === 0 ? emptyDays + 1 : 0;
    for (const [s, e] of intervals) {
      const start = Math.max(s, from, lastEnd);
      if (e > start) {
        lastEnd = e;
        yield [start, e];
      }
    }
    date = nextDay(date);
  }
  throw new Error("The calendar has no open hours.");
}

/** The instant at which `duration` ms of business time have passed since `from`. */
export function addBusinessTime(cal: BusinessCalendar, from: number, duration: number): number {
  let remaining = Math.max(0, duration);
  for (const [s, e] of openIntervalsFrom(cal, from)) {
    if (remaining <= e - s) return s + remaining;
    remaining -= e - s;
  }
  /* c8 ignore next */
  throw new Error("unreachable");
}

/** Business time, in ms, between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (const [s, e] of openIntervalsFrom(cal, from)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total;
}

/** Whether the calendar is open at an instant. */
export function isOpenAt(cal: BusinessCalendar, at: number): boolean {
  const first = openIntervalsFrom(cal, at).next().value as [number, number];
  return first[0] === at;
}
