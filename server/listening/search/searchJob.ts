import { z } from "zod";
import { defineJob } from "../../jobs/job.js";
import { searchTopics } from "./searchTopics.js";

/** Searches the networks that allow it for the listening topics' terms (each search on its own schedule and backoff). */
export const searchTopicsJob = defineJob({
  name: "listening.search",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 30_000 } },
  timeoutMs: 240_000,
  every: { ms: 60_000 },
  async run(_payload, { services, log }) {
    const { searched, failed, found } = await searchTopics(services);
    if (found > 0 || failed > 0) log.info({ searched, failed, found }, "listening topics searched");
  },
});
