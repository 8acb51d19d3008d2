import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("notifications")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("link", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("read_at", ts)
      .execute();
    await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "created_at"]).execute();
  },
};
