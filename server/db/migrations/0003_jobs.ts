import { sql } from "kysely";
import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull())
      .addColumn("run_at", ts, (c) => c.notNull())
      .addColumn("dedupe_key", "text")
      .addColumn("locked_by", "text")
      .addColumn("locked_until", ts)
      .addColumn("last_error", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("finished_at", ts)
      .execute();
    await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();
    // At most one pending job per dedupe key; finished jobs do not block a new one.
    await db.schema
      .createIndex("jobs_dedupe")
      .on("jobs")
      .column("dedupe_key")
      .unique()
      .where(sql.ref("status"), "in", sql`('queued', 'running')`)
      .execute();
  },
};
