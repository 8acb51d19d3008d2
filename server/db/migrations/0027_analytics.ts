import { sql } from "kysely";
import type { SwitchboardMigration } from "../migration.js";

/**
 * Analytics (issue 8): conversions reported by the organisation's website, campaign costs, the analytics
 * settings (reporting currency, modelled-value figures, the pixel switch), and the daily rollup the
 * dashboards read. Money is in hundredths of the currency's unit (integers: no float sums); days are
 * UTC dates as `YYYY-MM-DD` text on both databases.
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;

    // One row. Earned media value figures are set by an admin and always shown as modelled.
    await db.schema
      .createTable("analytics_settings")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("currency", "text", (c) => c.notNull())
      .addColumn("cpm_minor", "bigint")
      .addColumn("cpc_minor", "bigint")
      .addColumn("pixel_enabled", "integer", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    // A conversion as the website reported it, plus what it was attributed to (copied from the click,
    // no foreign keys: like link_clicks, a conversion keeps what it was attributed to).
    await db.schema
      .createTable("analytics_conversions")
      .addColumn("id", "text", (c) => c.primaryKey())
      // Given by the website; a replay with the same key is accepted and not counted again.
      .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
      // lead | signup | sale
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("value_minor", "bigint", (c) => c.notNull())
      .addColumn("currency", "text")
      // The `sb_click` value the destination was given.
      .addColumn("click_id", "text")
      .addColumn("customer_key", "text")
      // 1 when HMAC-signed by the website; 0 for the pixel (anyone can forge it: labelled as unsigned).
      .addColumn("signed", "integer", (c) => c.notNull())
      // pending | click | customer | click_not_found | none
      .addColumn("attributed_via", "text", (c) => c.notNull())
      .addColumn("link_id", "text")
      .addColumn("campaign_id", "text")
      .addColumn("post_id", "text")
      .addColumn("account_id", "text")
      .addColumn("utm_source", "text")
      .addColumn("utm_medium", "text")
      .addColumn("utm_campaign", "text")
      .addColumn("utm_term", "text")
      .addColumn("utm_content", "text")
      .addColumn("occurred_at", ts, (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("received_at", ts, (c) => c.notNull())
      // Bumped on insert and when attribution is settled: the daily rollup's watermark.
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("analytics_conversions_customer")
      .on("analytics_conversions")
      .columns(["customer_key", "kind", "occurred_at"])
      .execute();
    await db.schema.createIndex("analytics_conversions_updated").on("analytics_conversions").column("updated_at").execute();
    // Conversions still waiting for their click: few, looked for every minute.
    await sql`create index analytics_conversions_pending on analytics_conversions (received_at) where attributed_via in ('pending', 'pending_customer')`.execute(
      db,
    );
    await db.schema.createIndex("analytics_conversions_day").on("analytics_conversions").column("day").execute();
    await db.schema.createIndex("analytics_conversions_link").on("analytics_conversions").columns(["link_id", "occurred_at"]).execute();

    // Campaign cost entries: money, or hours × an hourly rate (kept so the assumption can be shown).
    await db.schema
      .createTable("analytics_costs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
      // money | hours
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("hours_hundredths", "bigint")
      .addColumn("rate_minor", "bigint")
      .addColumn("amount_minor", "bigint", (c) => c.notNull())
      .addColumn("currency", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("incurred_on", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("analytics_costs_campaign").on("analytics_costs").columns(["campaign_id", "incurred_on"]).execute();
    await db.schema.createIndex("analytics_costs_day").on("analytics_costs").column("incurred_on").execute();

    // One row per UTC day and (campaign, channel, post, link), '' where there is none so the key works on
    // both databases. Recounted per day from link_clicks_hourly, analytics_conversions and inbox_leads.
    await db.schema
      .createTable("analytics_daily")
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("campaign_id", "text", (c) => c.notNull())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addColumn("link_id", "text", (c) => c.notNull())
      .addColumn("clicks", "bigint", (c) => c.notNull())
      .addColumn("leads", "bigint", (c) => c.notNull())
      .addColumn("signups", "bigint", (c) => c.notNull())
      .addColumn("sales", "bigint", (c) => c.notNull())
      .addColumn("value_minor", "bigint", (c) => c.notNull())
      // Conversions in the reporting currency that came through the unsigned pixel (already in the counts above).
      .addColumn("unsigned", "bigint", (c) => c.notNull())
      .addColumn("inbox_leads", "bigint", (c) => c.notNull())
      // Conversions with a value in another currency than the reporting one (counted above, not valued).
      .addColumn("unvalued", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("analytics_daily_pk", ["day", "campaign_id", "account_id", "post_id", "link_id"])
      .execute();
    await db.schema.createIndex("analytics_daily_campaign").on("analytics_daily").columns(["campaign_id", "day"]).execute();
    await db.schema.createIndex("analytics_daily_link").on("analytics_daily").columns(["link_id", "day"]).execute();
    await db.schema.createIndex("analytics_daily_account").on("analytics_daily").columns(["account_id", "day"]).execute();

    // How far the daily rollup has read (link_clicks.recorded_at, conversions' and leads' updated_at).
    await db.schema
      .createTable("analytics_rollup_state")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("read_through", ts, (c) => c.notNull())
      .execute();

    // The weekly email digest: one row per week (its Monday) once claimed, so only one process sends it.
    await db.schema
      .createTable("analytics_digests")
      .addColumn("week", "text", (c) => c.primaryKey())
      .addColumn("recipients", "integer", (c) => c.notNull())
      .addColumn("sent_at", ts)
      .execute();

    // The daily rollup recounts one day of the hourly link rollup at a time.
    await db.schema.createIndex("link_clicks_hourly_hour").on("link_clicks_hourly").column("hour").execute();
  },
};
