import { z } from "zod";
import { defineJob } from "../../jobs/job.js";
import { pollEmailChannels } from "../email/pollEmail.js";
import { pollInboxSources } from "./pollSources.js";

/** Reads connected channels' mentions into the inbox (each channel on its own interval and backoff). */
export const pollInboxJob = defineJob({
  name: "inbox.poll",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 120_000,
  every: { ms: 15_000 },
  async run(_payload, { services, log }) {
    const { polled, failed, stored } = await pollInboxSources(services);
    if (stored > 0 || failed > 0) log.info({ polled, failed, stored }, "inbox polled");
    const email = await pollEmailChannels(services);
    if (email.stored > 0 || email.failed > 0)
      log.info({ polled: email.polled, failed: email.failed, stored: email.stored }, "email polled");
  },
});
