import { z } from "zod";
import { defineJob } from "../jobs/job.js";
import { rollupDaily } from "./rollup.js";
import { sendWeeklyDigest } from "./sendDigest.js";
import { analyticsDb } from "./tables.js";

/** Keeps analytics_daily (what every dashboard reads) in step with clicks, conversions and inbox leads. */
export const rollupAnalyticsJob = defineJob({
  name: "analytics.rollup-daily",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 300_000,
  every: { ms: 60_000 },
  async run(_payload, { db }) {
    await rollupDaily(analyticsDb(db));
  },
});

/** Last week's digest to leads and executives, once per week (the first run after Monday 00:00 UTC that finds something to report). */
export const weeklyDigestJob = defineJob({
  name: "analytics.weekly-digest",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 300_000 } },
  timeoutMs: 300_000,
  every: { ms: 3_600_000 },
  async run(_payload, { db, services }) {
    await sendWeeklyDigest(analyticsDb(db), services.config);
  },
});
