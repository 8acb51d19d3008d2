import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";

/**
 * The inbox page reports, about once a minute, whether its agent used it lately. Activity keeps an
 * available agent available, and brings one made away by inactivity back (audited); a heartbeat
 * itself changes no state a person set, so it is not audited.
 */
export async function recordActivity(db: Database, audit: AuditActor, userId: string, active: boolean, at = new Date()) {
  if (!active) return;
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("inbox_agents").selectAll().where("user_id", "=", userId).executeTakeFirst();
    if (!row) return;
    const back = row.presence === "away" && row.presence_auto === 1;
    await trx
      .updateTable("inbox_agents")
      .set({ last_active_at: now, ...(back ? { presence: "available", presence_auto: 0, updated_at: now } : {}) })
      .where("user_id", "=", userId)
      .execute();
    if (back)
      await recordAudit(trx, audit, {
        action: "inbox.presence.changed",
        targetType: "user",
        targetId: userId,
        summary: "Inbox presence: available again (active after being away)",
        changes: { presence: ["away", "available"] },
      });
  });
}
