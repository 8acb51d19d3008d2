import { z } from "zod";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { defineJob } from "./job.js";

const KEEP_FINISHED_JOBS_MS = 7 * 86_400_000;
const KEEP_EXPIRED_SESSIONS_MS = 7 * 86_400_000;

/** Removes sessions, setup links, lockouts and finished jobs that can no longer matter. */
export const purgeExpiredJob = defineJob({
  name: "housekeeping.purge-expired",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 60_000 } },
  timeoutMs: 60_000,
  every: { ms: 3_600_000 },
  async run(_payload, { db }) {
    const now = Date.now();
    const sessionCutoff = new Date(now - KEEP_EXPIRED_SESSIONS_MS).toISOString();
    await db.transaction().execute(async (trx) => {
      const sessions = await trx.deleteFrom("sessions").where("expires_at", "<", sessionCutoff).executeTakeFirst();
      const setup = await trx.deleteFrom("setup_tokens").where("expires_at", "<", new Date(now).toISOString()).executeTakeFirst();
      const attempts = await trx
        .deleteFrom("login_attempts")
        .where("window_started_at", "<", new Date(now - 86_400_000).toISOString())
        .executeTakeFirst();
      const jobs = await trx
        .deleteFrom("jobs")
        .where("status", "in", ["succeeded", "failed"])
        .where("finished_at", "<", new Date(now - KEEP_FINISHED_JOBS_MS).toISOString())
        .executeTakeFirst();
      const counts = {
        sessions: Number(sessions.numDeletedRows),
        setupTokens: Number(setup.numDeletedRows),
        loginAttempts: Number(attempts.numDeletedRows),
        jobs: Number(jobs.numDeletedRows),
      };
      if (Object.values(counts).some((n) => n > 0)) {
        await recordAudit(trx, systemActor("housekeeping"), {
          action: "housekeeping.purged",
          summary: `Purged expired records: ${Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(", ")}`,
          changes: counts,
        });
      }
    });
  },
});
