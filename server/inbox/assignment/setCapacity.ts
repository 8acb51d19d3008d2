import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { isWorkingUser } from "./agents.js";
import { ensureAgentRow } from "./upsertAgent.js";

/** A lead sets how many open conversations an agent holds at most. Audited when it changes. */
export async function setCapacity(db: Database, audit: AuditActor, userId: string, capacity: number, at = new Date()) {
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    if (!(await isWorkingUser(trx, userId))) throw notFound("Agent", "agent_not_found");
    const before = await ensureAgentRow(trx, userId, now);
    if (before.capacity === capacity) return;
    await trx.updateTable("inbox_agents").set({ capacity, updated_at: now }).where("user_id", "=", userId).execute();
    await recordAudit(trx, audit, {
      action: "inbox.capacity.changed",
      targetType: "user",
      targetId: userId,
      summary: `Inbox capacity: ${capacity} open conversations`,
      changes: { capacity: [before.capacity, capacity] },
    });
  });
}
