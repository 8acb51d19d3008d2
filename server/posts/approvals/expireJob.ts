import { z } from "zod";
import { defineJob } from "../../jobs/job.js";
import { expireApprovals } from "./expire.js";

/** Sends posts whose approval was not given in time back to their authors (see expire.ts). */
export const expireApprovalsJob = defineJob({
  name: "posts.expire-approvals",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 60_000,
  every: { ms: 30_000 },
  async run(_payload, { db, log }) {
    const expired = await expireApprovals(db);
    if (expired > 0) log.info({ expired }, "approvals expired");
  },
});
