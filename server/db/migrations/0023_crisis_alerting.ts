import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // An alert is worked like a ticket: acknowledged (someone is on it), then resolved with a note.
    await db.schema.alterTable("inbox_crisis_alerts").addColumn("resolved_at", ts).execute();
    await db.schema
      .alterTable("inbox_crisis_alerts")
      .addColumn("resolved_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .execute();
    await db.schema.alterTable("inbox_crisis_alerts").addColumn("resolution_note", "text").execute();
    // Where alerts are posted beyond the app. The signing secret lives in the vault (owner "crisis_webhook").
    await db.schema
      .createTable("inbox_crisis_webhooks")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // One row per event sent to one webhook: the exact body (retries send the same bytes), and how it went.
    await db.schema
      .createTable("inbox_crisis_webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("webhook_id", "text", (c) => c.notNull().references("inbox_crisis_webhooks.id").onDelete("cascade"))
      .addColumn("alert_id", "text", (c) => c.references("inbox_crisis_alerts.id").onDelete("cascade"))
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      // pending → delivered | retrying → … → delivered | failed
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("response_status", "integer")
      .addColumn("last_error", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("last_attempt_at", ts)
      .addColumn("delivered_at", ts)
      .execute();
    await db.schema
      .createIndex("inbox_crisis_webhook_deliveries_webhook")
      .on("inbox_crisis_webhook_deliveries")
      .columns(["webhook_id", "created_at"])
      .execute();
    await db.schema
      .createIndex("inbox_crisis_webhook_deliveries_status")
      .on("inbox_crisis_webhook_deliveries")
      .columns(["status", "created_at"])
      .execute();
  },
};
