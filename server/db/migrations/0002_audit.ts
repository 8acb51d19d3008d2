import { makeAppendOnly } from "../appendOnly.js";
import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("audit_events")
      .addColumn("seq", "integer", (c) => c.primaryKey())
      .addColumn("at", ts, (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("actor_label", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text")
      .addColumn("target_id", "text")
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("changes", "text")
      .addColumn("ip", "text")
      .addColumn("request_id", "text")
      .addColumn("prev_hash", "text", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("audit_events_action").on("audit_events").column("action").execute();
    await db.schema.createIndex("audit_events_actor").on("audit_events").column("actor_id").execute();
    await db.schema.createIndex("audit_events_target").on("audit_events").columns(["target_type", "target_id"]).execute();
    await db.schema.createIndex("audit_events_at").on("audit_events").column("at").execute();
    await makeAppendOnly(db, dialect, "audit_events");

    // One row holding the chain's head: appending updates it in the same
    // transaction, which serialises appenders and lets `verify` notice a
    // truncated tail.
    await db.schema
      .createTable("audit_head")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .execute();
    await db
      .insertInto("audit_head")
      .values({ id: 1, seq: 0, hash: "0".repeat(64) })
      .execute();
  },
};
