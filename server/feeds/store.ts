import type { Database } from "../db/database.js";
import type { FeedItemsTable } from "../db/schema.js";

export type FeedItemRow = FeedItemsTable;

/** How many items a feed shows, newest first. */
export const FEED_LIMIT = 50;

/** The `rss` account whose hosted feed has this slug (its handle), when it has published at least once. */
export async function findPublishedFeedAccount(db: Database, slug: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "handle", "handle_key", "display_name", "purpose", "url"])
    .where("network", "=", "rss")
    .where("handle_key", "=", slug.toLowerCase())
    .where((eb) => eb.exists(eb.selectFrom("feed_items").select("feed_items.id").whereRef("feed_items.account_id", "=", "accounts.id")))
    .executeTakeFirst();
}

export const findFeedItem = (db: Database, accountId: string, itemId: string) =>
  db.selectFrom("feed_items").selectAll().where("account_id", "=", accountId).where("item_id", "=", itemId).executeTakeFirst();

export const listLiveFeedItems = (db: Database, accountId: string, limit = FEED_LIMIT) =>
  db
    .selectFrom("feed_items")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("deleted_at", "is", null)
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();

/** When the feed last changed: an item added, edited or deleted. */
export async function feedLastChangedAt(db: Database, accountId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("feed_items")
    .select((eb) => [eb.fn.max("updated_at").as("updated"), eb.fn.max("deleted_at").as("deleted")])
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  const times = [row?.updated, row?.deleted].filter((t): t is string => typeof t === "string").map((t) => Date.parse(t));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}
