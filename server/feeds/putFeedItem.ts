import { randomUUID } from "node:crypto";
import type { FeedItemInput } from "../../connectors/types.js";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { type FeedItemRow, findFeedItem } from "./store.js";

/**
 * Adds an item to an account's hosted feed. The same `itemId` again (a retried publish) returns the item
 * already there, deleted or not, and changes nothing.
 */
export async function putFeedItem(
  db: Database,
  actor: AuditActor,
  account: { id: string; handle: string },
  input: FeedItemInput,
): Promise<FeedItemRow> {
  return db.transaction().execute(async (trx) => {
    const existing = await findFeedItem(trx, account.id, input.itemId);
    if (existing) return existing;
    const now = new Date().toISOString();
    const row: FeedItemRow = {
      id: randomUUID(),
      account_id: account.id,
      item_id: input.itemId,
      title: input.title,
      content_html: input.html,
      content_text: input.text,
      link: input.link,
      published_at: now,
      updated_at: now,
      deleted_at: null,
    };
    const inserted = await trx
      .insertInto("feed_items")
      .values(row)
      .onConflict((oc) => oc.columns(["account_id", "item_id"]).doNothing())
      .executeTakeFirst();
    // Another writer stored the same item between the read and the insert.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return (await findFeedItem(trx, account.id, input.itemId)) ?? row;
    await recordAudit(trx, actor, {
      action: "feed.item_published",
      targetType: "account",
      targetId: account.id,
      summary: `Published "${input.title}" to the feed of ${account.handle}`,
      changes: { itemId: input.itemId, title: input.title, link: input.link },
    });
    return row;
  });
}
