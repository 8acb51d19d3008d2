import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCrisisDetector } from "./detector.js";
import { airlineObservations, brandSeries, readAirlineMentions } from "./replay/airlineMentions.js";
import type { CrisisAlert } from "./types.js";

// The labelled airline tweets of 16–24 February 2015 (fixtures/README.md), replayed in time order
// with the human sentiment labels. docs/crisis-detection.md derives the expected alerts from the
// per-airline, per-day counts of negative mentions.
const FIXTURE = path.join(import.meta.dirname, "fixtures/airline-mentions-labels.csv.gz");
const mentions = readAirlineMentions(FIXTURE);
const observations = airlineObservations(mentions);
const negativeIds = new Map(mentions.filter((m) => m.airline_sentiment === "negative").map((m) => [m.tweet_id, m.airline]));

function replay() {
  const detector = createCrisisDetector();
  const alerts: CrisisAlert[] = observations.flatMap((o) => detector.observe(o));
  return { detector, alerts };
}

/** "Airline on D Feb" of an alert; the replay's clock is the data's local time, so days are local days. */
const airlineDay = (a: CrisisAlert) => `${a.series.replace("brand:", "")} on ${new Date(a.raisedAt).getUTCDate()} Feb`;

describe("crisis replay of airline-mentions.csv", () => {
  it("reads the whole file: 11,739 mentions of six airlines", () => {
    expect(mentions).toHaveLength(11_739);
    expect(new Set(mentions.map((m) => m.airline)).size).toBe(6);
  });

  it("alerts exactly for the airline-days with a surge of negative mentions, once each, and nowhere else", () => {
    const { alerts } = replay();
    expect(alerts.map(airlineDay)).toEqual(["Southwest on 21 Feb", "US Airways on 22 Feb", "United on 22 Feb", "Delta on 22 Feb"]);
  });

  it("American, whose mentions only begin on 22 February, never alerts: it has no baseline", () => {
    const { alerts, detector } = replay();
    expect(alerts.filter((a) => a.series === brandSeries("American"))).toEqual([]);
    // By the end it has two days of history (22 and 23 February) and is judged like the others.
    expect(detector.status(brandSeries("American"))?.windows.every((w) => w.baseline?.days === 2)).toBe(true);

    const untilThe23rd = createCrisisDetector();
    for (const o of observations) if (o.at < Date.UTC(2015, 1, 23, 12)) untilThe23rd.observe(o);
    expect(untilThe23rd.status(brandSeries("American"))?.windows.map((w) => w.baseline)).toEqual([null, null]);
  });

  it("each alert carries its spike: figures against the baseline and the negative tweets behind it", () => {
    const { alerts } = replay();
    for (const alert of alerts) {
      const airline = alert.series.replace("brand:", "");
      expect(alert.ratio).toBeGreaterThanOrEqual(2);
      expect(alert.window.negative).toBeGreaterThanOrEqual(40);
      expect(alert.window.negativeShare).toBeGreaterThanOrEqual(alert.baseline.negativeShare);
      expect(alert.baseline.days).toBeGreaterThanOrEqual(3);
      expect(Date.parse(alert.spikeStart)).toBeLessThanOrEqual(Date.parse(alert.raisedAt));
      expect(alert.messageIds.length).toBeGreaterThan(0);
      expect(alert.messageIds.length).toBeLessThanOrEqual(200);
      expect(alert.messageIds.every((id) => negativeIds.get(id) === airline)).toBe(true);
    }
  });
});
