import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    // A channel's posting queue: the weekly times, in the channel's time zone, that queued posts fill.
    await db.schema
      .createTable("posting_queue_slots")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      // ISO weekday: 1 Monday … 7 Sunday.
      .addColumn("weekday", "integer", (c) => c.notNull())
      // HH:MM on the wall clock of time_zone.
      .addColumn("time", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("posting_queue_slots_pk", ["account_id", "weekday", "time"])
      .execute();
    // A repeating post: its rule (JSON), the series it belongs to (the first post's id) and which
    // occurrence it is. The unique pair lets only one worker create each next occurrence.
    await db.schema.alterTable("posts").addColumn("repeat", "text").execute();
    await db.schema.alterTable("posts").addColumn("series_id", "text").execute();
    await db.schema.alterTable("posts").addColumn("occurrence", "integer").execute();
    await db.schema.alterTable("posts").addColumn("series_first_at", dialect.timestampType).execute();
    await db.schema.createIndex("posts_series_occurrence").on("posts").columns(["series_id", "occurrence"]).unique().execute();
  },
};
