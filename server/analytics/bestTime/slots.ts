import { instantToZonedTime, zonedTimeToInstant } from "../../../shared/zonedTime.js";

/** An hourly slot of the week on an account's wall clock: ISO weekday (1 Monday … 7 Sunday) and hour (0–23). */
export interface Slot {
  weekday: number;
  hour: number;
}

/** The ISO weekday of a YYYY-MM-DD date. */
export const isoWeekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/** The slot an instant falls in on the wall clock of `timeZone` (so 09:00 in Berlin stays 09:00 across DST). */
export function slotOf(iso: string, timeZone: string): Slot {
  const wall = instantToZonedTime(iso, timeZone);
  return { weekday: isoWeekday(wall.date), hour: Number(wall.time.slice(0, 2)) };
}

export const slotKey = (s: Slot) => s.weekday * 24 + s.hour;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const DAY_MS = 86_400_000;
/** A suggestion closer than this is not offered: nobody finishes a post and its approval in ten minutes. */
const LEAD_MS = 10 * 60_000;

/** The next time the slot comes round in `timeZone` after `now` (a slot skipped by a DST jump moves with the clock). */
export function nextOccurrence(slot: Slot, timeZone: string, now: number): { at: string; date: string; time: string } | null {
  const today = instantToZonedTime(new Date(now).toISOString(), timeZone).date;
  const time = `${String(slot.hour).padStart(2, "0")}:00`;
  for (let d = 0; d <= 8; d++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + d * DAY_MS).toISOString().slice(0, 10);
    if (isoWeekday(date) !== slot.weekday) continue;
    const instant = zonedTimeToInstant({ date, time }, timeZone);
    if (instant && Date.parse(instant.iso) > now + LEAD_MS) return { at: instant.iso, date, time };
  }
  return null;
}
