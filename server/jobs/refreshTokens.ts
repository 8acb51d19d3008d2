import { z } from "zod";
import { refreshExpiringTokens } from "../connections/refreshExpiring.js";
import { defineJob } from "./job.js";

/** Renews access tokens before they expire; each renewal is audited. */
export const refreshTokensJob = defineJob({
  name: "connections.refresh-expiring-tokens",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 60_000 } },
  timeoutMs: 5 * 60_000,
  every: { ms: 10 * 60_000 },
  async run(_payload, { services, log }) {
    const { refreshed, failed } = await refreshExpiringTokens(services);
    if (refreshed.length || failed.length) log.info({ refreshed: refreshed.length, failed: failed.length }, "refreshed expiring tokens");
  },
});
