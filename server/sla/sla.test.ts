import { describe, expect, it } from "vitest";
import { ALWAYS_OPEN, addBusinessTime, type BusinessCalendar, businessTimeBetween, calendarProblems, isOpenAt } from "./calendar.js";
import { evaluateClock } from "./clock.js";
import { offsetAt, zonedToInstant } from "./zoned.js";

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const weekdays = (timeZone: string, start = "09:00", end = "17:00", holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start, end })),
  holidays,
});

describe("wall-clock time in a zone", () => {
  it("finds instants across DST changes, skipping gaps forward and taking the first of a repeated hour", () => {
    // Berlin: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
    expect(iso(zonedToInstant({ year: 2026, month: 3, day: 29 }, 90, "Europe/Berlin"))).toBe("2026-03-29T00:30:00.000Z");
    expect(iso(zonedToInstant({ year: 2026, month: 3, day: 29 }, 150, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z"); // 02:30 does not exist → 03:30
    expect(iso(zonedToInstant({ year: 2026, month: 3, day: 29 }, 210, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(zonedToInstant({ year: 2026, month: 10, day: 25 }, 150, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z"); // first 02:30 (CEST)
    expect(iso(zonedToInstant({ year: 2026, month: 10, day: 25 }, 210, "Europe/Berlin"))).toBe("2026-10-25T02:30:00.000Z");
    expect(offsetAt(at("2026-07-01T12:00:00Z"), "America/New_York")).toBe(-4 * H);
    expect(iso(zonedToInstant({ year: 2026, month: 1, day: 1 }, 0, "Pacific/Kiritimati"))).toBe("2025-12-31T10:00:00.000Z");
  });
});

describe("business calendars", () => {
  const berlin = weekdays("Europe/Berlin", "09:00", "17:00", ["2026-12-25"]);

  it("adds business time across nights, weekends and holidays", () => {
    // Friday 16:00 Berlin (14:00Z) + 2 h → Monday 10:00 (08:00Z).
    expect(iso(addBusinessTime(berlin, at("2026-06-12T14:00:00Z"), 2 * H))).toBe("2026-06-15T08:00:00.000Z");
    // Filed on Saturday: the clock starts Monday 09:00.
    expect(iso(addBusinessTime(berlin, at("2026-06-13T10:00:00Z"), 30 * M))).toBe("2026-06-15T07:30:00.000Z");
    // Thursday 24 December 16:00 CET + 2 h skips Christmas Day (Friday) and the weekend.
    expect(iso(addBusinessTime(berlin, at("2026-12-24T15:00:00Z"), 2 * H))).toBe("2026-12-28T09:00:00.000Z");
    expect(businessTimeBetween(berlin, at("2026-06-12T14:00:00Z"), at("2026-06-15T08:00:00Z"))).toBe(2 * H);
    expect(businessTimeBetween(berlin, at("2026-06-13T00:00:00Z"), at("2026-06-14T23:00:00Z"))).toBe(0);
    expect(isOpenAt(berlin, at("2026-06-12T10:00:00Z"))).toBe(true);
    expect(isOpenAt(berlin, at("2026-06-12T16:00:00Z"))).toBe(false);
  });

  it("counts the real length of days when DST starts and ends", () => {
    const allDay: BusinessCalendar = { ...ALWAYS_OPEN, timeZone: "America/New_York" };
    const sundayNight: BusinessCalendar = {
      timeZone: "America/New_York",
      weekly: [{ day: 0, start: "00:00", end: "06:00" }],
      holidays: [],
    };
    // 2026-03-08: clocks go 02:00 → 03:00, so 00:00–06:00 lasts 5 hours; 2026-11-01 it lasts 7.
    expect(businessTimeBetween(sundayNight, at("2026-03-07T12:00:00Z"), at("2026-03-09T12:00:00Z"))).toBe(5 * H);
    expect(businessTimeBetween(sundayNight, at("2026-10-31T12:00:00Z"), at("2026-11-02T12:00:00Z"))).toBe(7 * H);
    expect(businessTimeBetween(allDay, at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z"))).toBe(23 * H);
    // 9 to 5 stays 9 to 5 local on either side of the change: Monday after starts at 13:00Z, not 14:00Z.
    const ny = weekdays("America/New_York");
    expect(iso(addBusinessTime(ny, at("2026-03-06T21:00:00Z"), 2 * H))).toBe("2026-03-09T14:00:00.000Z");
    expect(iso(addBusinessTime(ny, at("2026-03-06T12:00:00Z"), 9 * H))).toBe("2026-03-09T14:00:00.000Z");
  });

  it("handles windows that end at midnight, split days and zones far from UTC", () => {
    const split: BusinessCalendar = {
      timeZone: "Pacific/Auckland",
      weekly: [
        { day: 1, start: "08:00", end: "12:00" },
        { day: 1, start: "13:00", end: "24:00" },
      ],
      holidays: [],
    };
    // Monday 2026-06-15 in Auckland (UTC+12): 08:00 = Sunday 20:00Z; 4 h to noon, lunch, 1 h more.
    expect(iso(addBusinessTime(split, at("2026-06-14T00:00:00Z"), 5 * H))).toBe("2026-06-15T02:00:00.000Z");
    expect(businessTimeBetween(split, at("2026-06-14T00:00:00Z"), at("2026-06-16T00:00:00Z"))).toBe(15 * H);
  });

  it("explains what is wrong with a calendar", () => {
    expect(calendarProblems(weekdays("Europe/Berlin"))).toEqual([]);
    expect(
      calendarProblems({ timeZone: "Mars/Olympus", weekly: [{ day: 9, start: "18:00", end: "09:00" }], holidays: ["soon"] }),
    ).toHaveLength(4);
    expect(calendarProblems({ timeZone: "UTC", weekly: [], holidays: [] })).toEqual(["At least one opening window is needed."]);
  });
});

describe("SLA clocks", () => {
  const utc9to17 = weekdays("UTC");
  const monday9 = at("2026-06-15T09:00:00Z");

  it("runs, warns, breaches at the exact business instant, and shows met or missed once stopped", () => {
    const clock = { targetMs: 4 * H, warnBeforeMs: 1 * H, segments: [{ start: monday9, end: null }], stoppedAt: null };
    const early = evaluateClock(utc9to17, clock, monday9 + 1 * H);
    expect(early).toMatchObject({ status: "running", elapsedMs: H, remainingMs: 3 * H });
    expect(iso(early.dueAt)).toBe("2026-06-15T13:00:00.000Z");
    expect(iso(early.warnAt)).toBe("2026-06-15T12:00:00.000Z");
    expect(evaluateClock(utc9to17, clock, at("2026-06-15T12:30:00Z")).status).toBe("warning");
    const late = evaluateClock(utc9to17, clock, at("2026-06-16T10:00:00Z"));
    expect(late).toMatchObject({ status: "breached", elapsedMs: 9 * H, remainingMs: -5 * H });
    expect(iso(late.breachedAt)).toBe("2026-06-15T13:00:00.000Z");
    expect(evaluateClock(utc9to17, { ...clock, stoppedAt: monday9 + 2 * H }, late.breachedAt as number).status).toBe("met");
    expect(evaluateClock(utc9to17, { ...clock, stoppedAt: at("2026-06-15T14:00:00Z") }, at("2026-06-20T00:00:00Z")).status).toBe("missed");
  });

  it("does not count paused time, and moves the due time by the length of the pause", () => {
    const segments = [
      { start: monday9, end: monday9 + 1 * H }, // 09–10 running
      { start: monday9 + 3 * H, end: null }, // paused 10–12, running again from 12
    ];
    const state = evaluateClock(utc9to17, { targetMs: 4 * H, warnBeforeMs: 0, segments, stoppedAt: null }, monday9 + 4 * H);
    expect(state).toMatchObject({ status: "running", elapsedMs: 2 * H, remainingMs: 2 * H });
    expect(iso(state.dueAt)).toBe("2026-06-15T15:00:00.000Z");
    const paused = evaluateClock(
      utc9to17,
      { targetMs: 4 * H, warnBeforeMs: 0, segments: [segments[0] as never], stoppedAt: null },
      monday9 + 30 * H,
    );
    expect(paused).toMatchObject({ status: "paused", elapsedMs: H, dueAt: null, breachedAt: null });
    // Breached in an earlier segment: still breached at that instant after a pause.
    const early = evaluateClock(
      utc9to17,
      {
        targetMs: 30 * M,
        warnBeforeMs: 0,
        segments: [
          { start: monday9, end: monday9 + H },
          { start: monday9 + 2 * H, end: null },
        ],
        stoppedAt: null,
      },
      monday9 + 3 * H,
    );
    expect(iso(early.breachedAt)).toBe("2026-06-15T09:30:00.000Z");
    expect(early.status).toBe("breached");
  });

  it("starts a clock filed out of hours at the next opening", () => {
    const saturday = at("2026-06-13T11:00:00Z");
    const state = evaluateClock(
      utc9to17,
      { targetMs: H, warnBeforeMs: 0, segments: [{ start: saturday, end: null }], stoppedAt: null },
      saturday + H,
    );
    expect(state).toMatchObject({ status: "running", elapsedMs: 0 });
    expect(iso(state.dueAt)).toBe("2026-06-15T10:00:00.000Z");
  });
});
