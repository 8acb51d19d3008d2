import type { SwitchboardMigration } from "../migration.js";

/**
 * Employee advocacy (server/advocacy): items leads curate for employees to share from their personal
 * accounts, and each share with its own tracked short link (links.id), so clicks count per share.
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("advocacy_items")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("suggested_text", "text", (c) => c.notNull())
      // The page the share points to; each share gets its own short link to it. Null: text only.
      .addColumn("url", "text")
      // JSON arrays of strings (text on both dialects: only this area reads them, whole).
      .addColumn("topics", "text", (c) => c.notNull())
      .addColumn("networks", "text", (c) => c.notNull())
      // The hashtag every share must carry in its text, e.g. #AcmeEmployee.
      .addColumn("disclosure", "text", (c) => c.notNull())
      // Null: shareable until expired by hand (which sets it to that moment).
      .addColumn("expires_at", ts)
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("advocacy_items_created").on("advocacy_items").column("created_at").execute();

    await db.schema
      .createTable("advocacy_shares")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("item_id", "text", (c) => c.notNull().references("advocacy_items.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("network", "text", (c) => c.notNull())
      // Mastodon: the employee's server, which the share intent opens.
      .addColumn("instance", "text")
      // The text as handed to the network: the employee's words and the share's short link.
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("link_id", "text", (c) => c.references("links.id").onDelete("set null"))
      // prepared (the compose window was opened), shared (the employee confirmed), cancelled.
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addColumn("shared_at", ts)
      .execute();
    await db.schema.createIndex("advocacy_shares_item").on("advocacy_shares").columns(["item_id", "user_id"]).execute();
    await db.schema.createIndex("advocacy_shares_user").on("advocacy_shares").column("user_id").execute();
    await db.schema.createIndex("advocacy_shares_link").on("advocacy_shares").column("link_id").execute();
  },
};
