/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: the offset of a zone at an instant
 * comes from formatToParts, and a local time becomes an instant by correcting a first guess with
 * the offset found there (twice, so the days DST starts and ends come out right).
 */
import { formatterFor } from "../../shared/zonedTime.js";

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(ms: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a spring-forward gap maps to
 * the same distance after the gap (02:30 → 03:30); a repeated fall-back time maps to its first occurrence.
 */
export function zonedToInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // The offsets in force a day either side; no zone changes its offset twice within a day.
  const before = offsetAt(guess - 86_400_000, timeZone);
  const after = offsetAt(guess + 86_400_000, timeZone);
  const valid = [guess - before, guess - after].filter((t) => offsetAt(t, timeZone) === guess - t);
  if (valid.length > 0) return Math.min(...valid);
  // A gap: the wall time never happens; read it with the offset before the gap.
  return guess - before;
}

/** The calendar date of an instant in a zone. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  const w = wallClock(ms, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

export const nextDay = (d: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (d: LocalDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

export const isoDate = (d: LocalDate) =>
  `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
