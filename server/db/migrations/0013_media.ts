import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // An uploaded file. The bytes live in the media storage under `storage_key` (never a name a user chose).
    await db.schema
      .createTable("media")
      .addColumn("id", "text", (c) => c.primaryKey())
      // Kept (null) when the uploader's account is deleted: the image still belongs to the posts using it.
      .addColumn("uploader_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("storage_key", "text", (c) => c.notNull().unique())
      .addColumn("mime_type", "text", (c) => c.notNull())
      .addColumn("byte_size", "integer", (c) => c.notNull())
      .addColumn("width", "integer")
      .addColumn("height", "integer")
      .addColumn("alt_text", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("sha256", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    // A post's attachments, in order. Per post, not per variant: every channel shows the same images
    // (a channel's limits are checked against them when the post is saved).
    await db.schema
      .createTable("post_media")
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      // Restrict: a file in use cannot be deleted (the API answers 409 media_in_use first).
      .addColumn("media_id", "text", (c) => c.notNull().references("media.id"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("post_media_pk", ["post_id", "position"])
      .execute();
    await db.schema.createIndex("post_media_media").on("post_media").column("media_id").execute();
  },
};
