import { z } from "zod";
import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { defineJob } from "../../jobs/job.js";

/** Snoozed conversations whose time has come are open again, each change audited. */
export async function wakeSnoozed(db: Database, now = new Date()): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const woken = await trx
      .updateTable("inbox_conversations")
      .set({ status: "open", snoozed_until: null, updated_at: at })
      .where("status", "=", "snoozed")
      .where("snoozed_until", "<=", at)
      .returning(["id", "subject"])
      .execute();
    for (const c of woken)
      await recordAudit(trx, systemActor("inbox"), {
        action: "inbox.conversation.woken",
        targetType: "inbox_conversation",
        targetId: c.id,
        summary: `Snooze ended: “${c.subject}” is open again`,
        changes: { status: ["snoozed", "open"] },
      });
    return woken.length;
  });
}

export const wakeSnoozedJob = defineJob({
  name: "inbox.wake-snoozed",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 60_000,
  every: { ms: 30_000 },
  async run(_payload, { db, log }) {
    const woken = await wakeSnoozed(db);
    if (woken > 0) log.info({ woken }, "snoozed conversations woken");
  },
});
