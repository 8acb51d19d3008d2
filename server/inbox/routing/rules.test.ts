import { describe, expect, it } from "vitest";
import { compileRules, type RoutingInput, route } from "./rules.js";

const rules = (timeZone: string, from: number, to: number) =>
  compileRules([
    {
      id: "h",
      name: "Hours",
      enabled: true,
      conditions: [{ field: "hours", from, to, timeZone }],
      actions: { tags: ["in-hours"] },
      stop: false,
    },
  ]);

const at = (iso: string): RoutingInput => ({
  accountId: "a",
  network: "bluesky",
  kind: "mention",
  text: "hello",
  sentiment: "neutral",
  intent: "other",
  topic: null,
  author: { externalId: "x", handle: null },
  at: new Date(iso),
});

const tagged = (compiled: ReturnType<typeof compileRules>, iso: string) => route(compiled, at(iso)).tags.includes("in-hours");

describe("routing by the hour in a zone", () => {
  it("reads the hour in the zone at each instant, also in zones a quarter hour off and across a clock change", () => {
    // Kathmandu is UTC+5:45: 16:00 there is 10:15 UTC.
    const kathmandu = rules("Asia/Kathmandu", 16, 17);
    expect(tagged(kathmandu, "2026-03-02T10:14:59Z")).toBe(false);
    expect(tagged(kathmandu, "2026-03-02T10:15:00Z")).toBe(true);
    expect(tagged(kathmandu, "2026-03-02T10:29:00Z")).toBe(true);
    expect(tagged(kathmandu, "2026-03-02T11:14:59Z")).toBe(true);
    expect(tagged(kathmandu, "2026-03-02T11:15:00Z")).toBe(false);
    // Back in time, and then the same quarter hour again.
    expect(tagged(kathmandu, "2026-03-02T10:20:00Z")).toBe(true);
    expect(tagged(kathmandu, "2026-03-02T10:00:00Z")).toBe(false);
    // Berlin goes from UTC+1 to UTC+2 at 01:00 UTC on 2026-03-29: 02:00–03:00 there is the hour before.
    const berlin = rules("Europe/Berlin", 2, 3);
    expect(tagged(berlin, "2026-03-29T00:59:59Z")).toBe(false);
    expect(tagged(berlin, "2026-03-28T01:30:00Z")).toBe(true);
    expect(tagged(berlin, "2026-03-29T01:00:00Z")).toBe(false);
    // A zone this machine does not know reads UTC.
    const unknown = rules("Nowhere/Atlantis", 9, 10);
    expect(tagged(unknown, "2026-03-02T09:30:00Z")).toBe(true);
    expect(tagged(unknown, "2026-03-02T10:00:00Z")).toBe(false);
  });
});
