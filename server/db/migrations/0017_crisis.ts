import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // Recent inbound mentions by time: the brand's sentiment over the last day against the week before.
    await db.schema.createIndex("inbox_messages_sent").on("inbox_messages").columns(["sent_at", "direction"]).execute();
    // A spike the crisis detector raised (server/inbox/crisis/detector.ts), with the messages behind it.
    await db.schema
      .createTable("inbox_crisis_alerts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("series", "text", (c) => c.notNull())
      .addColumn("severity", "text", (c) => c.notNull())
      .addColumn("raised_at", ts, (c) => c.notNull())
      .addColumn("spike_start", ts, (c) => c.notNull())
      // The alert's figures (window, baseline, ratio, z-score) as the detector gave them.
      .addColumn("figures", "text", (c) => c.notNull())
      .addColumn("message_ids", "text", (c) => c.notNull())
      .addColumn("acknowledged_at", ts)
      .addColumn("acknowledged_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .execute();
    await db.schema.createIndex("inbox_crisis_alerts_raised").on("inbox_crisis_alerts").column("raised_at").execute();
    // Crisis mode: started by a person (or a rule), ended by a person. While one is in force scheduled
    // publishing is paused (its pause row), and the policy's campaign-risk check treats the brand as in crisis.
    await db.schema
      .createTable("inbox_crisis_modes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("alert_id", "text", (c) => c.references("inbox_crisis_alerts.id").onDelete("set null"))
      .addColumn("pause_id", "text", (c) => c.references("publish_pauses.id").onDelete("set null"))
      .addColumn("started_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("started_at", ts, (c) => c.notNull())
      .addColumn("ended_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("ended_at", ts)
      // 1 while in force, null once ended: the unique key allows one crisis mode at a time.
      .addColumn("active", "integer", (c) => c.unique())
      .execute();
  },
};
