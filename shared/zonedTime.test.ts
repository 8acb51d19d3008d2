import { describe, expect, it } from "vitest";
import { formatInZone, instantToZonedTime, zonedTimeToInstant } from "./zonedTime.js";

const at = (date: string, time: string, zone: string) => zonedTimeToInstant({ date, time }, zone);

describe("zonedTimeToInstant", () => {
  it("converts an ordinary wall time with the zone's offset of that day", () => {
    expect(at("2026-01-15", "09:00", "Europe/Berlin")).toEqual({ iso: "2026-01-15T08:00:00.000Z", adjustment: null });
    expect(at("2026-07-15", "09:00", "Europe/Berlin")).toEqual({ iso: "2026-07-15T07:00:00.000Z", adjustment: null });
    expect(at("2026-07-15", "09:00", "UTC")).toEqual({ iso: "2026-07-15T09:00:00.000Z", adjustment: null });
    expect(at("2026-07-15", "09:00", "Asia/Kolkata")).toEqual({ iso: "2026-07-15T03:30:00.000Z", adjustment: null });
  });

  it("moves a time that does not exist (spring forward) forward by the jump", () => {
    // Berlin: 02:00 CET → 03:00 CEST on 29 March 2026; 02:30 is 03:30 CEST.
    expect(at("2026-03-29", "02:30", "Europe/Berlin")).toEqual({ iso: "2026-03-29T01:30:00.000Z", adjustment: "skipped" });
    expect(at("2026-03-29", "01:59", "Europe/Berlin")?.iso).toBe("2026-03-29T00:59:00.000Z");
    expect(at("2026-03-29", "03:00", "Europe/Berlin")).toEqual({ iso: "2026-03-29T01:00:00.000Z", adjustment: null });
    // New York: 02:00 EST → 03:00 EDT on 8 March 2026.
    expect(at("2026-03-08", "02:30", "America/New_York")).toEqual({ iso: "2026-03-08T07:30:00.000Z", adjustment: "skipped" });
  });

  it("takes the earlier of a time that happens twice (fall back)", () => {
    // Berlin: 03:00 CEST → 02:00 CET on 25 October 2026; 02:30 CEST comes first.
    expect(at("2026-10-25", "02:30", "Europe/Berlin")).toEqual({ iso: "2026-10-25T00:30:00.000Z", adjustment: "repeated" });
    expect(at("2026-10-25", "03:00", "Europe/Berlin")).toEqual({ iso: "2026-10-25T02:00:00.000Z", adjustment: null });
    // New York: 02:00 EDT → 01:00 EST on 1 November 2026; 01:30 EDT comes first.
    expect(at("2026-11-01", "01:30", "America/New_York")).toEqual({ iso: "2026-11-01T05:30:00.000Z", adjustment: "repeated" });
    expect(at("2026-11-01", "02:30", "America/New_York")).toEqual({ iso: "2026-11-01T07:30:00.000Z", adjustment: null });
  });

  it("crosses the date line and refuses incomplete input", () => {
    expect(at("2026-01-01", "00:15", "Pacific/Auckland")?.iso).toBe("2025-12-31T11:15:00.000Z");
    expect(at("2026-01-01", "", "Europe/Berlin")).toBeUndefined();
    expect(at("", "09:00", "Europe/Berlin")).toBeUndefined();
  });
});

describe("instantToZonedTime and formatInZone", () => {
  it("read an instant back as the zone's wall clock", () => {
    expect(instantToZonedTime("2026-10-25T00:30:00.000Z", "Europe/Berlin")).toEqual({ date: "2026-10-25", time: "02:30" });
    expect(instantToZonedTime("2026-10-25T01:30:00.000Z", "Europe/Berlin")).toEqual({ date: "2026-10-25", time: "02:30" });
    expect(instantToZonedTime("2025-12-31T11:15:00.000Z", "Pacific/Auckland")).toEqual({ date: "2026-01-01", time: "00:15" });
    expect(formatInZone("2026-11-24T08:00:00.000Z", "Europe/Berlin", "en-GB")).toBe("24 Nov 2026, 09:00 CET");
  });
});
