import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";

/**
 * Takes an item out of an account's hosted feed. The row stays, marked deleted, so the feed's ETag and
 * Last-Modified change and the audit trail keeps what was removed. Removing it again changes nothing.
 */
export async function removeFeedItem(db: Database, actor: AuditActor, account: { id: string; handle: string }, itemId: string) {
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const removed = await trx
      .updateTable("feed_items")
      .set({ deleted_at: now, updated_at: now })
      .where("account_id", "=", account.id)
      .where("item_id", "=", itemId)
      .where("deleted_at", "is", null)
      .returning(["title"])
      .executeTakeFirst();
    if (!removed) return;
    await recordAudit(trx, actor, {
      action: "feed.item_deleted",
      targetType: "account",
      targetId: account.id,
      summary: `Removed "${removed.title}" from the feed of ${account.handle}`,
      changes: { itemId },
    });
  });
}
