import { addBusinessTime, type BusinessCalendar, businessTimeBetween } from "./calendar.js";

/**
 * One run of an SLA clock (a "cycle": the first response, one wait for the next response, or
 * one resolution between an opening and a resolve). Its time is a list of segments during which
 * it ran; a pause closes a segment and a resume opens a new one, so the elapsed business time
 * and the moment of a breach can be recomputed exactly from history, after any number of pauses.
 */
export interface ClockSegment {
  start: number;
  /** null: running now. */
  end: number | null;
}

export interface ClockInput {
  targetMs: number;
  /** Warn when this much business time (or less) remains. */
  warnBeforeMs: number;
  segments: readonly ClockSegment[];
  /** When the clock stopped for good (the response was given, the request resolved). */
  stoppedAt: number | null;
}

export type ClockStatus = "running" | "warning" | "breached" | "paused" | "met" | "missed";

export interface ClockState {
  status: ClockStatus;
  elapsedMs: number;
  /** Negative once breached. */
  remainingMs: number;
  /** When the target is (or was) due, while running or once breached; null while paused and on time. */
  dueAt: number | null;
  /** When the warning is due (running clocks on time). */
  warnAt: number | null;
  /** The instant the business time used passed the target, if it did. */
  breachedAt: number | null;
}

export function evaluateClock(cal: BusinessCalendar, clock: ClockInput, now: number): ClockState {
  let used = 0;
  let breachedAt: number | null = null;
  let dueAt: number | null = null;
  let warnAt: number | null = null;
  const last = clock.segments.at(-1);
  const running = clock.stoppedAt === null && last !== undefined && last.end === null;
  for (const seg of clock.segments) {
    const end = seg.end ?? clock.stoppedAt ?? now;
    const here = businessTimeBetween(cal, seg.start, end);
    if (breachedAt === null && used + here > clock.targetMs) breachedAt = addBusinessTime(cal, seg.start, clock.targetMs - used);
    if (seg === last && running) {
      dueAt = addBusinessTime(cal, seg.start, clock.targetMs - used);
      if (clock.targetMs - clock.warnBeforeMs > used) warnAt = addBusinessTime(cal, seg.start, clock.targetMs - clock.warnBeforeMs - used);
      else warnAt = seg.start;
    }
    used += here;
  }
  // A target of zero, or one used up to the millisecond, is due and breached at that moment.
  if (breachedAt === null && running && dueAt !== null && dueAt <= now) breachedAt = dueAt;
  if (breachedAt !== null) dueAt = breachedAt;
  const remainingMs = clock.targetMs - used;
  let status: ClockStatus;
  if (clock.stoppedAt !== null) status = breachedAt !== null ? "missed" : "met";
  else if (breachedAt !== null) status = "breached";
  else if (!running) status = "paused";
  else status = warnAt !== null && now >= warnAt ? "warning" : "running";
  return { status, elapsedMs: used, remainingMs, dueAt, warnAt: status === "running" || status === "warning" ? warnAt : null, breachedAt };
}
