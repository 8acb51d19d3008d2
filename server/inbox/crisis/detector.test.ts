import { describe, expect, it } from "vitest";
import { createCrisisDetector } from "./detector.js";
import { resolveCrisisThresholds } from "./thresholds.js";
import type { CrisisAlert, CrisisObservation } from "./types.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5); // a Monday, 00:00 UTC

/** Counts per hour of one series over some hours: `negative` of the `total` messages are negative. */
interface Stretch {
  fromHour: number;
  hours: number;
  total: number;
  negative: number;
}

/** Deterministic jitter so a "steady" series is not a flat line (a tiny LCG: no Math.random in tests). */
function jitter(seed: number) {
  let state = seed;
  return (spread: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.round(((state / 2 ** 31) * 2 - 1) * spread);
  };
}

/** Messages of one series spread evenly over each hour, in time order. */
function stream(series: string, stretches: Stretch[], spread = 0, seed = 7): CrisisObservation[] {
  const next = jitter(seed);
  const out: CrisisObservation[] = [];
  for (const s of stretches) {
    for (let h = s.fromHour; h < s.fromHour + s.hours; h++) {
      const negative = Math.max(0, s.negative + next(spread));
      const total = Math.max(negative, s.total + next(spread));
      for (let i = 0; i < total; i++) {
        out.push({
          at: START + h * HOUR + Math.floor((i * HOUR) / total),
          series: [series],
          negative: i < negative,
          id: `${series}-${h}-${i}`,
        });
      }
    }
  }
  return out.sort((a, b) => Number(a.at) - Number(b.at));
}

const days = (n: number) => n * 24;
const run = (detector: ReturnType<typeof createCrisisDetector>, messages: CrisisObservation[]) =>
  messages.flatMap((m) => detector.observe(m));
const alertHours = (alerts: CrisisAlert[]) => alerts.map((a) => (Date.parse(a.raisedAt) - START) / HOUR);

describe("crisis detector on synthetic streams", () => {
  it("a steady series never alerts, however long it runs", () => {
    const detector = createCrisisDetector();
    const alerts = run(detector, stream("brand:Steady", [{ fromHour: 0, hours: days(28), total: 12, negative: 5 }], 3));
    expect(alerts).toEqual([]);
    expect(detector.status("brand:Steady")?.windows.every((w) => w.baseline !== null)).toBe(true);
  });

  it("a doubling with enough volume alerts once, with the figures and the messages behind it", () => {
    const detector = createCrisisDetector();
    const calm = { fromHour: 0, hours: days(7), total: 10, negative: 4 };
    const surge = { fromHour: days(7), hours: 12, total: 14, negative: 10 };
    const after = { fromHour: days(7) + 12, hours: 12, total: 10, negative: 4 };
    const alerts = run(detector, stream("brand:Acme", [calm, surge, after]));
    expect(alerts).toHaveLength(1);
    const [alert] = alerts as [CrisisAlert];
    expect(alert.series).toBe("brand:Acme");
    expect(alert.spikeStart).toBe(new Date(START + days(7) * HOUR).toISOString());
    expect(Date.parse(alert.raisedAt)).toBeGreaterThan(START + days(7) * HOUR);
    expect(alert.window.negative).toBeGreaterThanOrEqual(40);
    expect(alert.ratio).toBeGreaterThanOrEqual(2);
    expect(alert.zScore).toBeGreaterThanOrEqual(4);
    expect(alert.baseline).toMatchObject({ days: 6, dailyNegative: 96, negativeShare: 0.4 });
    expect(alert.window.negativeShare).toBeGreaterThan(alert.baseline.negativeShare);
    expect(["warning", "major", "critical"]).toContain(alert.severity);
    // The messages behind it: the surge's negatives so far, all of them negative ones.
    expect(alert.messageIds.length).toBe(alert.window.negative);
    expect(alert.messageIds.every((id) => id.startsWith("brand:Acme-"))).toBe(true);
    expect(alert.messageIds.every((id) => Number(id.split("-")[1]) >= days(7))).toBe(true);
  });

  it("the ids handed over are capped at the latest maxMessageIds", () => {
    const detector = createCrisisDetector({ maxMessageIds: 25 });
    const alerts = run(
      detector,
      stream("brand:Acme", [
        { fromHour: 0, hours: days(7), total: 10, negative: 4 },
        { fromHour: days(7), hours: 6, total: 30, negative: 30 },
      ]),
    );
    expect(alerts).toHaveLength(1);
    const ids = alerts[0]?.messageIds ?? [];
    expect(ids).toHaveLength(25);
    // Latest, oldest first: the last id is the message that raised the alert.
    expect(ids.at(-1)).toMatch(/^brand:Acme-/);
    expect(new Set(ids).size).toBe(25);
  });

  it("a spike on a tiny series does not alert, even tenfold", () => {
    const detector = createCrisisDetector();
    const alerts = run(
      detector,
      stream("topic:Quiet", [
        { fromHour: 0, hours: days(7), total: 2, negative: 0 },
        { fromHour: days(7), hours: 12, total: 3, negative: 3 },
      ]),
    );
    expect(alerts).toEqual([]);
  });

  it("a series with no history does not alert on its first day, nor with a single day behind it", () => {
    const detector = createCrisisDetector();
    const alerts = run(
      detector,
      stream("brand:New", [
        { fromHour: 11, hours: 13, total: 40, negative: 30 }, // first seen mid-morning, at full volume
        { fromHour: days(1), hours: 24, total: 20, negative: 8 },
        { fromHour: days(2), hours: 12, total: 40, negative: 30 }, // would be a surge, but one day is not a baseline
      ]),
    );
    expect(alerts).toEqual([]);
    expect(detector.status("brand:New")?.windows.map((w) => w.baseline)).toEqual([null, null]);
  });

  it("a few stray messages on earlier days are no history either (minHistoryDayMessages)", () => {
    const detector = createCrisisDetector();
    const alerts = run(
      detector,
      stream("brand:Late", [
        { fromHour: 9, hours: 1, total: 1, negative: 1 },
        { fromHour: days(1) + 9, hours: 1, total: 1, negative: 0 },
        { fromHour: days(2) + 9, hours: 1, total: 1, negative: 0 },
        { fromHour: days(3), hours: 24, total: 40, negative: 30 },
      ]),
    );
    expect(alerts).toEqual([]);
  });

  it("a surge of praise is no crisis: the negative share must not fall", () => {
    const detector = createCrisisDetector();
    const alerts = run(
      detector,
      stream("brand:Campaign", [
        { fromHour: 0, hours: days(7), total: 10, negative: 4 },
        { fromHour: days(7), hours: 12, total: 60, negative: 12 }, // three times the negatives, but a fifth of the volume
      ]),
    );
    expect(alerts).toEqual([]);
    const eager = createCrisisDetector({ minShareLift: -1 });
    expect(
      run(
        eager,
        stream("brand:Campaign", [
          { fromHour: 0, hours: days(7), total: 10, negative: 4 },
          { fromHour: days(7), hours: 12, total: 60, negative: 12 },
        ]),
      ),
    ).toHaveLength(1);
  });

  it("one alert per episode: a two-day surge alerts once; a new surge after a calm spell alerts again", () => {
    const calm = (fromDay: number, n: number) => ({ fromHour: days(fromDay), hours: days(n), total: 10, negative: 4 });
    const surge = (fromDay: number, n: number) => ({ fromHour: days(fromDay), hours: days(n), total: 16, negative: 12 });
    const messages = stream("brand:Acme", [calm(0, 7), surge(7, 2), calm(9, 7), surge(16, 1)]);
    const alerts = run(createCrisisDetector(), messages);
    expect(alertHours(alerts).map((h) => Math.floor(h / 24))).toEqual([7, 16]);
    // Without the cool-down the same surge would alert again and again.
    const restless = run(createCrisisDetector({ quietHoursToEndEpisode: 1, episodeRatio: 1000 }), messages);
    expect(restless.length).toBeGreaterThan(4);
  });

  it("flush closes hours without messages: a quiet spell ends the episode and a silent series is forgotten", () => {
    const detector = createCrisisDetector();
    const alerts = run(
      detector,
      stream("brand:Acme", [
        { fromHour: 0, hours: days(7), total: 10, negative: 4 },
        { fromHour: days(7), hours: 6, total: 16, negative: 12 },
      ]),
    );
    expect(alerts).toHaveLength(1);
    expect(detector.status("brand:Acme")?.inEpisode).toBe(true);
    expect(detector.flush(START + (days(7) + 12) * HOUR)).toEqual([]);
    expect(detector.status("brand:Acme")?.inEpisode).toBe(true);
    detector.flush(START + (days(8) + 6) * HOUR);
    expect(detector.status("brand:Acme")?.inEpisode).toBe(false);
    detector.flush(START + 30 * DAY);
    expect(detector.status("brand:Acme")).toBeNull();
    expect(detector.seriesCount).toBe(0);
  });

  it("out-of-order messages within an hour change nothing; a late one from a closed hour counts in the open hour", () => {
    const messages = stream("brand:Acme", [
      { fromHour: 0, hours: days(7), total: 10, negative: 4 },
      { fromHour: days(7), hours: 12, total: 14, negative: 10 },
    ]);
    // Reverse the order of the messages inside every hour.
    const byHour = new Map<number, CrisisObservation[]>();
    for (const m of messages) {
      const hour = Math.floor(Number(m.at) / HOUR);
      byHour.set(hour, [m, ...(byHour.get(hour) ?? [])]);
    }
    const shuffled = [...byHour.values()].flat();
    // The alert fires at the same negative message count, in the same hour, on the same baseline
    // (how many non-negative messages came first in that hour may differ).
    const gist = (a: CrisisAlert) => ({
      hour: Math.floor(Date.parse(a.raisedAt) / HOUR),
      series: a.series,
      spikeStart: a.spikeStart,
      window: { kind: a.window.kind, start: a.window.start, negative: a.window.negative },
      baseline: a.baseline,
      ratio: a.ratio,
      severity: a.severity,
    });
    const inOrder = createCrisisDetector();
    const outOfOrder = createCrisisDetector();
    const sorted = run(inOrder, messages);
    expect(sorted).toHaveLength(1);
    expect(run(outOfOrder, shuffled).map(gist)).toEqual(sorted.map(gist));
    expect(outOfOrder.status("brand:Acme")).toEqual(inOrder.status("brand:Acme"));

    const detector = createCrisisDetector();
    detector.observe({ at: START + 10 * HOUR + 5 * 60_000, series: ["brand:Acme"], negative: true, id: "on-time" });
    detector.observe({ at: START + 9 * HOUR + 59 * 60_000, series: ["brand:Acme"], negative: true, id: "late" });
    const status = detector.status("brand:Acme");
    expect(status?.hour).toBe(new Date(START + 10 * HOUR).toISOString());
    expect(status?.windows.find((w) => w.kind === "recent")?.negative).toBe(2);
  });

  it("each series is judged on its own history", () => {
    const detector = createCrisisDetector();
    const steady = stream("brand:Other", [{ fromHour: 0, hours: days(8), total: 10, negative: 4 }]);
    const surging = stream("brand:Acme", [
      { fromHour: 0, hours: days(7), total: 10, negative: 4 },
      { fromHour: days(7), hours: 24, total: 14, negative: 10 },
    ]);
    const merged = [...steady, ...surging].sort((a, b) => Number(a.at) - Number(b.at));
    // Every message is also in a topic that spans both brands: 1.75 times its usual negatives, no alert.
    const alerts = run(
      detector,
      merged.map((m) => ({ ...m, series: [...m.series, "topic:Everything"] })),
    );
    expect(alerts.map((a) => a.series).sort()).toEqual(["brand:Acme"]);
    expect(detector.seriesCount).toBe(3);
  });

  it("days start at local midnight with utcOffsetMinutes", () => {
    const detector = createCrisisDetector({ utcOffsetMinutes: -300 });
    detector.observe({ at: Date.UTC(2026, 0, 5, 4, 30), series: ["brand:Acme"], negative: false, id: "a" });
    const windows = detector.status("brand:Acme")?.windows;
    // 04:30 UTC is 23:30 the evening before in UTC−5: the local day began at 05:00 UTC on 4 January.
    expect(detector.status("brand:Acme")?.hour).toBe("2026-01-05T04:00:00.000Z");
    expect(windows?.find((w) => w.kind === "day")?.total).toBe(1);
  });

  it("rejects thresholds out of range, naming each, and messages without a valid time", () => {
    expect(() => resolveCrisisThresholds({ minRatio: 0.5, recentHours: 30 })).toThrow(/minRatio.*recentHours|recentHours.*minRatio/);
    expect(() => resolveCrisisThresholds({ minHistoryDays: 9, baselineDays: 7 })).toThrow(/minHistoryDays cannot exceed/);
    expect(() => createCrisisDetector().observe({ at: Number.NaN, series: ["x"], negative: true, id: "m1" })).toThrow(RangeError);
  });
});
