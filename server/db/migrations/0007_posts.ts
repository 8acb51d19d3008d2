import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("campaigns")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // A post is one idea; each channel (inventory account) gets a variant of it.
    await db.schema
      .createTable("posts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("campaign_id", "text", (c) => c.references("campaigns.id").onDelete("set null"))
      .addColumn("text", "text", (c) => c.notNull())
      // JSON array of strings.
      .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
      // IANA zone the author scheduled in: what "9:00 every Monday" means across DST.
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("scheduled_at", ts)
      .addColumn("status", "text", (c) => c.notNull())
      // Bumped by every edit: an edit that names an older version is a conflict, not an overwrite.
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("posts_status_scheduled").on("posts").columns(["status", "scheduled_at"]).execute();
    await db.schema.createIndex("posts_campaign").on("posts").column("campaign_id").execute();
    await db.schema
      .createTable("post_variants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      // Kept (null) when the account is deleted, so the post is flagged instead of silently losing a channel.
      .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("network", "text", (c) => c.notNull())
      // Null: the post's own text.
      .addColumn("text", "text")
      // JSON array of strings: the replies that follow the first part, for a thread.
      .addColumn("thread_parts", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("remote_id", "text")
      .addColumn("remote_url", "text")
      .addColumn("published_at", ts)
      .addColumn("last_error", "text")
      .addUniqueConstraint("post_variants_post_account", ["post_id", "account_id"])
      .execute();
    await db.schema.createIndex("post_variants_account").on("post_variants").column("account_id").execute();
  },
};
