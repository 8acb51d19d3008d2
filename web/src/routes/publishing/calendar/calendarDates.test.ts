import { describe, expect, it } from "vitest";
import { movedToDay, movedToSlot, rangeOf, slotEndInstant, stepDate, viewTitle, visibleDays } from "./calendarDates.js";

describe("calendar dates", () => {
  it("shows Monday-to-Sunday weeks and the whole weeks that cover a month", () => {
    expect(visibleDays("week", "2026-11-25")).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
    // November 2026 starts on a Sunday and ends on a Monday: six rows.
    const november = visibleDays("month", "2026-11-15");
    expect([november[0], november.at(-1), november.length]).toEqual(["2026-10-26", "2026-12-06", 42]);
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    const february = visibleDays("month", "2027-02-10");
    expect([february[0], february.at(-1), february.length]).toEqual(["2027-02-01", "2027-02-28", 28]);
    expect(stepDate("month", "2026-01-31", 1)).toBe("2026-02-01");
    expect(stepDate("week", "2026-12-30", 1)).toBe("2027-01-04");
    expect(viewTitle("month", "2026-11-15", "en-GB")).toBe("November 2026");
    expect(viewTitle("week", "2026-11-25", "en-GB")).toMatch(/^23\s?–\s?29 November 2026$/);
  });

  it("asks for whole wall days in the shown zone, across a DST change", () => {
    // Berlin goes to winter time on 25 October 2026: that week is an hour longer.
    const week = visibleDays("week", "2026-10-21");
    expect(rangeOf(week, "Europe/Berlin")).toEqual({ from: "2026-10-18T22:00:00.000Z", to: "2026-10-25T23:00:00.000Z" });
    expect(rangeOf(week, "America/New_York")).toEqual({ from: "2026-10-19T04:00:00.000Z", to: "2026-10-26T04:00:00.000Z" });
  });

  it("keeps a post's own wall-clock time when it moves to another day across a DST change", () => {
    // 09:00 in Berlin on Friday 23 October (CEST), shown in New York; moved to Monday 26 (CET).
    const moved = movedToDay("2026-10-23T07:00:00.000Z", "Europe/Berlin", "America/New_York", "2026-10-26");
    expect(moved).toBe("2026-10-26T08:00:00.000Z");
    // Shown in Tokyo the post is on Friday evening; dropping it on Saturday moves it one day.
    expect(movedToDay("2026-10-23T07:00:00.000Z", "Europe/Berlin", "Asia/Tokyo", "2026-10-24")).toBe("2026-10-24T07:00:00.000Z");
  });

  it("moves to an hour slot in the shown zone, keeping the minutes", () => {
    expect(movedToSlot("2026-11-23T09:30:00.000Z", "Europe/London", "2026-11-25", 14)).toBe("2026-11-25T14:30:00.000Z");
    // 02:xx does not exist in Berlin on 29 March 2026: the post lands after the jump, at 03:xx CEST.
    expect(movedToSlot("2026-03-20T08:15:00.000Z", "Europe/Berlin", "2026-03-29", 2)).toBe("2026-03-29T01:15:00.000Z");
    expect(slotEndInstant("2026-11-25", 23, "Europe/London")).toBe("2026-11-26T00:00:00.000Z");
    expect(slotEndInstant("2026-11-25", 9, "Europe/Berlin")).toBe("2026-11-25T09:00:00.000Z");
  });
});
