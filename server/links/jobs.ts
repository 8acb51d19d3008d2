import { z } from "zod";
import { defineJob } from "../jobs/job.js";
import { rollupClicks } from "./rollup.js";
import { rotateSalts } from "./salts.js";
import { linksDb } from "./tables.js";

/** Keeps link_clicks_hourly in step with the raw clicks (derived data: not audited). */
export const rollupLinkClicksJob = defineJob({
  name: "links.rollup-clicks",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 120_000,
  every: { ms: 60_000 },
  async run(_payload, { db }) {
    await rollupClicks(linksDb(db));
  },
});

/** Makes tomorrow's visitor-hash salt ahead of midnight and deletes salts older than yesterday (audited). */
export const rotateLinkSaltsJob = defineJob({
  name: "links.rotate-salts",
  payload: z.object({}),
  retry: { attempts: 5, backoff: { type: "exponential", delayMs: 60_000 } },
  timeoutMs: 60_000,
  every: { ms: 3_600_000 },
  async run(_payload, { db }) {
    await rotateSalts(linksDb(db));
  },
});
