import { instantToZonedTime, zonedTimeToInstant } from "../../../../../shared/zonedTime.js";

/**
 * The calendar's arithmetic on wall dates ("2026-11-23") in the zone the calendar is shown in.
 * Days are wall dates, not 24-hour spans, so a week across a DST change still has seven days.
 */

export type CalendarView = "week" | "month";

const DAY_MS = 86_400_000;

const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const isWallDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value));

export const addDays = (date: string, days: number) => fromUtc(toUtc(date) + days * DAY_MS);

export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** 0 = Monday … 6 = Sunday: weeks start on Monday (ISO 8601, as in most of the world's calendars). */
export const weekdayIndex = (date: string) => (new Date(toUtc(date)).getUTCDay() + 6) % 7;

export const startOfWeek = (date: string) => addDays(date, -weekdayIndex(date));

export const startOfMonth = (date: string) => `${date.slice(0, 8)}01`;

/** The first of the month `months` after the one `date` is in. */
export function addMonths(date: string, months: number): string {
  const d = new Date(toUtc(startOfMonth(date)));
  d.setUTCMonth(d.getUTCMonth() + months);
  return fromUtc(d.getTime());
}

/** Today's wall date in `timeZone`. */
export const todayIn = (timeZone: string, now = Date.now()) => instantToZonedTime(new Date(now).toISOString(), timeZone).date;

/** The days a view shows: a Monday-to-Sunday week, or the whole weeks that cover a month. */
export function visibleDays(view: CalendarView, date: string): string[] {
  const first = view === "week" ? startOfWeek(date) : startOfWeek(startOfMonth(date));
  const last = view === "week" ? addDays(first, 6) : addDays(startOfWeek(addDays(addMonths(date, 1), -1)), 6);
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The instant a wall date begins in `timeZone` (midnight, or the first minute after a skipped one). */
export const dayStartInstant = (date: string, timeZone: string) => zonedTimeToInstant({ date, time: "00:00" }, timeZone)?.iso ?? "";

/** The instant range [from, to) the API is asked for. */
export function rangeOf(days: readonly string[], timeZone: string): { from: string; to: string } {
  const first = days[0] ?? "";
  const last = days[days.length - 1] ?? first;
  return { from: dayStartInstant(first, timeZone), to: dayStartInstant(addDays(last, 1), timeZone) };
}

/** Where the view goes on "previous" (-1) and "next" (1). */
export const stepDate = (view: CalendarView, date: string, step: -1 | 1) =>
  view === "week" ? addDays(startOfWeek(date), 7 * step) : addMonths(date, step);

/** "2026-11-23" read as a date at noon UTC, so formatting in UTC names the right day anywhere. */
const asDate = (date: string) => new Date(toUtc(date) + DAY_MS / 2);

export const formatDay = (date: string, options: Intl.DateTimeFormatOptions, locale?: string) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(asDate(date));

/** "November 2026", or "23 – 29 November 2026" (the locale decides the order). */
export function viewTitle(view: CalendarView, date: string, locale?: string): string {
  if (view === "month") return formatDay(date, { month: "long", year: "numeric" }, locale);
  const first = startOfWeek(date);
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).formatRange(
    asDate(first),
    asDate(addDays(first, 6)),
  );
}

/**
 * Where a post lands when dropped on another day: the same wall-clock time in the post's own zone
 * (a 09:00 Berlin post stays 09:00 Berlin across a DST change), moved by as many days as the drop.
 */
export function movedToDay(iso: string, postZone: string, shownIn: string, toDate: string): string | undefined {
  const shownDate = instantToZonedTime(iso, shownIn).date;
  const own = instantToZonedTime(iso, postZone);
  return zonedTimeToInstant({ date: addDays(own.date, daysBetween(shownDate, toDate)), time: own.time }, postZone)?.iso;
}

/** Where a post lands when dropped on an hour of a day in the week view: that hour, keeping its minutes. */
export function movedToSlot(iso: string, shownIn: string, toDate: string, hour: number): string | undefined {
  const minutes = instantToZonedTime(iso, shownIn).time.slice(3, 5);
  return zonedTimeToInstant({ date: toDate, time: `${String(hour).padStart(2, "0")}:${minutes}` }, shownIn)?.iso;
}

/** The instant an hour slot ends: a slot that has ended takes no posts. */
export const slotEndInstant = (date: string, hour: number, timeZone: string) =>
  hour === 23
    ? dayStartInstant(addDays(date, 1), timeZone)
    : (zonedTimeToInstant({ date, time: `${String(hour + 1).padStart(2, "0")}:00` }, timeZone)?.iso ?? "");
