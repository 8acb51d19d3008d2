import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // The kill switch: while a row has no resumed_at, the publish engine holds what falls due in its scope.
    await db.schema
      .createTable("publish_pauses")
      .addColumn("id", "text", (c) => c.primaryKey())
      // all | account | campaign
      .addColumn("scope", "text", (c) => c.notNull())
      // The account's or campaign's id; null for "all". No foreign key: the pause stays in the history
      // after its account or campaign is deleted, and then simply holds nothing.
      .addColumn("scope_id", "text")
      // What the scope was called when paused (a handle, a campaign name), for the history.
      .addColumn("scope_label", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("paused_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("paused_at", ts, (c) => c.notNull())
      .addColumn("resumed_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("resumed_at", ts)
      .execute();
    await db.schema.createIndex("publish_pauses_in_force").on("publish_pauses").columns(["resumed_at", "scope", "scope_id"]).execute();
  },
};
