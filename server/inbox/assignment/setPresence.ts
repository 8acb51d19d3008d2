import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import type { Presence } from "./agents.js";
import { ensureAgentRow } from "./upsertAgent.js";

/**
 * An agent says whether they take new conversations. Setting `available` counts as activity (so the
 * inactivity timer starts again). Audited when it changes.
 */
export async function setPresence(db: Database, audit: AuditActor, userId: string, presence: Presence, at = new Date()) {
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await ensureAgentRow(trx, userId, now);
    await trx
      .updateTable("inbox_agents")
      .set({ presence, presence_auto: 0, updated_at: now, ...(presence === "available" ? { last_active_at: now } : {}) })
      .where("user_id", "=", userId)
      .execute();
    if (before.presence === presence && before.presence_auto === 0) return;
    await recordAudit(trx, audit, {
      action: "inbox.presence.changed",
      targetType: "user",
      targetId: userId,
      summary: `Inbox presence: ${presence}`,
      changes: { presence: [before.presence, presence] },
    });
  });
}
