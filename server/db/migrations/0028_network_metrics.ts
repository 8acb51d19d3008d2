import type { SwitchboardMigration } from "../migration.js";

/**
 * Network metrics (issue 8, item 1). Networks report running totals; each reading is kept as a snapshot
 * (account, post variant, metric, value, captured_at) and deltas are derived from consecutive snapshots.
 * A metric the network offers but did not return is a gap row, never a zero. Days are UTC `YYYY-MM-DD`.
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;

    await db.schema
      .createTable("metric_snapshots")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("network", "text", (c) => c.notNull())
      // The published variant the reading is about; null for an account-level metric (followers).
      .addColumn("variant_id", "text", (c) => c.references("post_variants.id").onDelete("cascade"))
      .addColumn("post_id", "text")
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("value", "bigint", (c) => c.notNull())
      // The change since the previous snapshot of the same series (0 for the first; negative when a total
      // fell, e.g. followers lost).
      .addColumn("delta", "bigint", (c) => c.notNull())
      .addColumn("captured_at", ts, (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("metric_snapshots_account")
      .on("metric_snapshots")
      .columns(["account_id", "metric", "captured_at"])
      .execute();
    await db.schema
      .createIndex("metric_snapshots_variant")
      .on("metric_snapshots")
      .columns(["variant_id", "metric", "captured_at"])
      .execute();
    // Covering indexes for the dashboards: a channel's growth and top posts by day range (account, day), and
    // one metric over a day range across channels (earned media's impressions), read without the table.
    await db.schema
      .createIndex("metric_snapshots_account_day")
      .on("metric_snapshots")
      .columns(["account_id", "day", "metric", "variant_id", "delta"])
      .execute();
    await db.schema
      .createIndex("metric_snapshots_metric_day")
      .on("metric_snapshots")
      .columns(["metric", "day", "account_id", "post_id", "delta"])
      .execute();

    // A metric the network offers but did not return (withdrawn, post gone), recorded so the UI can say so.
    await db.schema
      .createTable("metric_gaps")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("variant_id", "text", (c) => c.references("post_variants.id").onDelete("cascade"))
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("captured_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("metric_gaps_account").on("metric_gaps").columns(["account_id", "captured_at"]).execute();
    await db.schema.createIndex("metric_gaps_variant").on("metric_gaps").columns(["variant_id", "captured_at"]).execute();

    // Per account: when metrics were last collected, whether the backfill on connect ran, and the last error.
    await db.schema
      .createTable("metric_sync_state")
      .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
      .addColumn("backfilled_at", ts)
      .addColumn("last_synced_at", ts)
      .addColumn("next_sync_at", ts, (c) => c.notNull())
      .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .execute();
  },
};
