import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // The items of the feeds Switchboard hosts (served at /feeds/<handle>.rss and .atom). A deleted item
    // keeps its row with `deleted_at` set: the feed drops it, and its ETag and Last-Modified change.
    await db.schema
      .createTable("feed_items")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      // The connector's id for the item (its remote id), stable for one post.
      .addColumn("item_id", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("content_html", "text", (c) => c.notNull())
      .addColumn("content_text", "text", (c) => c.notNull())
      .addColumn("link", "text")
      .addColumn("published_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addColumn("deleted_at", ts)
      .addUniqueConstraint("feed_items_account_item", ["account_id", "item_id"])
      .execute();
    await db.schema.createIndex("feed_items_account_published").on("feed_items").columns(["account_id", "published_at"]).execute();
  },
};
