import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // The publish engine's claim on a variant: who holds it and until when (a crashed worker's claim expires).
    await db.schema.alterTable("post_variants").addColumn("lease_owner", "text").execute();
    await db.schema.alterTable("post_variants").addColumn("lease_expires_at", ts).execute();
    await db.schema.alterTable("post_variants").addColumn("next_attempt_at", ts).execute();
    // Every try at sending a variant. Written before the network is called; its id is the idempotency key.
    await db.schema
      .createTable("publish_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("variant_id", "text", (c) => c.notNull().references("post_variants.id").onDelete("cascade"))
      .addColumn("worker", "text", (c) => c.notNull())
      .addColumn("started_at", ts, (c) => c.notNull())
      .addColumn("finished_at", ts)
      // pending (sent or about to be, outcome not recorded), success, rejected, retryable, unknown.
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("error_kind", "text")
      .addColumn("message", "text")
      .addColumn("remote_id", "text")
      .addColumn("remote_url", "text")
      .execute();
    await db.schema.createIndex("publish_attempts_variant").on("publish_attempts").columns(["variant_id", "started_at"]).execute();
    await db.schema.createIndex("post_variants_status_next").on("post_variants").columns(["status", "next_attempt_at"]).execute();
  },
};
