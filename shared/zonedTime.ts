/**
 * Wall-clock date and time in an IANA time zone ↔ an instant. Written by hand because the
 * platform's Temporal is not in our browsers yet and the job is a few lines over Intl.
 *
 * Rule for the two DST edge cases, the same as Temporal's `disambiguation: "compatible"`:
 * - a time that does not exist (the clocks jump forward over it) moves forward by the jump:
 *   02:30 on the night Berlin goes to summer time is 03:30 CEST;
 * - a time that happens twice (the clocks go back) is the earlier of the two: 02:30 on the
 *   night Berlin goes back to winter time is 02:30 CEST, not CET.
 */

export interface WallTime {
  /** YYYY-MM-DD, as an <input type="date"> holds it */
  date: string;
  /** HH:MM, as an <input type="time"> holds it */
  time: string;
}

export interface ZonedInstant {
  iso: string;
  /** Why the instant's wall time differs from what was asked, if it does. */
  adjustment: "skipped" | "repeated" | null;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone giving every wall-clock field (24-hour): throws for a zone the runtime does not know. */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `epochMs`, read as if it were UTC (ms). */
function wallClockAsUtc(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

const offsetAt = (epochMs: number, timeZone: string) => wallClockAsUtc(epochMs, timeZone) - Math.floor(epochMs / 1000) * 1000;

function parseWallTime({ date, time }: WallTime): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!d || !t) return undefined;
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
}

/** The instant a wall time in `timeZone` stands for (see the rule above); undefined for an incomplete date or time. */
export function zonedTimeToInstant(wall: WallTime, timeZone: string): ZonedInstant | undefined {
  const local = parseWallTime(wall);
  if (local === undefined) return undefined;
  // Zones change offset at most once within a day of any moment: the offsets a day either side
  // are the only candidates.
  const candidates = [local - offsetAt(local - 24 * HOUR_MS, timeZone), local - offsetAt(local + 24 * HOUR_MS, timeZone)];
  const valid = [...new Set(candidates.filter((t) => wallClockAsUtc(t, timeZone) === local))].sort((a, b) => a - b);
  const [earlier] = valid;
  if (earlier !== undefined) return { iso: new Date(earlier).toISOString(), adjustment: valid.length > 1 ? "repeated" : null };
  // Skipped: read the wall time with the offset from before the jump, which lands after it.
  const [beforeJump] = candidates as [number, number];
  return { iso: new Date(beforeJump).toISOString(), adjustment: "skipped" };
}

/** The wall time in `timeZone` at an instant: what to put back in the date and time inputs. */
export function instantToZonedTime(iso: string, timeZone: string): WallTime {
  const wall = new Date(wallClockAsUtc(Date.parse(iso), timeZone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** "24 Nov 2026, 09:00 CET": an instant as a clock in `timeZone` shows it. */
export function formatInZone(iso: string, timeZone: string, locale?: string): string {
  return (
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso)) +
    ` ${zoneAbbreviation(iso, timeZone, locale)}`
  );
}

function zoneAbbreviation(iso: string, timeZone: string, locale?: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
    .formatToParts(new Date(iso))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** The viewer's own time zone. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every zone the browser knows, with the given ones (e.g. a post's) included even if missing. */
export function timeZoneChoices(...include: string[]): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const zones = new Set(all);
  for (const zone of include) zones.add(zone);
  return [...zones].sort();
}
