import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AWAY_AFTER_MS } from "./agents.js";

/**
 * Available agents with no inbox activity for AWAY_AFTER_MS (their page closed, or left alone) become
 * away, marked as automatic so their next activity makes them available again. Audited each.
 */
export async function markInactiveAway(db: Database, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - AWAY_AFTER_MS).toISOString();
  const at = new Date(now).toISOString();
  return db.transaction().execute(async (trx) => {
    const idle = await trx
      .updateTable("inbox_agents")
      .set({ presence: "away", presence_auto: 1, updated_at: at })
      .where("presence", "=", "available")
      .where((eb) => eb.or([eb("last_active_at", "is", null), eb("last_active_at", "<", cutoff)]))
      .returning(["user_id", "last_active_at"])
      .execute();
    for (const agent of idle)
      await recordAudit(trx, systemActor("presence"), {
        action: "inbox.presence.changed",
        targetType: "user",
        targetId: agent.user_id,
        summary: `Inbox presence: away (no activity since ${agent.last_active_at ?? "ever"})`,
        changes: { presence: ["available", "away"], automatic: true },
      });
    return idle.length;
  });
}
