import type { SwitchboardMigration } from "../migration.js";

/** Tracked short links (/l/:code), their clicks, hourly rollups, UTM presets per campaign and the visitor-hash salts. */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("links")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("code", "text", (c) => c.notNull().unique())
      // The URL as given; the redirect goes to it with the UTM values below applied.
      .addColumn("destination", "text", (c) => c.notNull())
      .addColumn("campaign_id", "text", (c) => c.references("campaigns.id").onDelete("set null"))
      .addColumn("post_id", "text", (c) => c.references("posts.id").onDelete("set null"))
      .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("utm_source", "text")
      .addColumn("utm_medium", "text")
      .addColumn("utm_campaign", "text")
      .addColumn("utm_term", "text")
      .addColumn("utm_content", "text")
      .addColumn("expires_at", ts)
      // Archived links answer the friendly 404 but keep their clicks.
      .addColumn("archived_at", ts)
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      // Bumped by every edit: other processes evict their cached copy when they see it move.
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("links_updated").on("links").column("updated_at").execute();
    await db.schema.createIndex("links_campaign").on("links").column("campaign_id").execute();
    await db.schema.createIndex("links_post").on("links").column("post_id").execute();

    // One row per visitor per link per hour. The id is derived from (visitor, link, hour), so a second
    // click in the hour is the same row and the insert does nothing. No raw IP address is stored.
    // Post, campaign, account and UTM values are copied as columns (no foreign keys): the click keeps
    // what it was attributed to, and the table maps one-to-one onto a column store.
    await db.schema
      .createTable("link_clicks")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("link_id", "text", (c) => c.notNull().references("links.id").onDelete("cascade"))
      // HMAC-SHA256 of IP, user agent and organisation under the day's salt (deleted after two days).
      .addColumn("visitor_hash", "text", (c) => c.notNull())
      .addColumn("clicked_at", ts, (c) => c.notNull())
      .addColumn("hour", ts, (c) => c.notNull())
      // When the buffered click reached the database: the rollup job's watermark.
      .addColumn("recorded_at", ts, (c) => c.notNull())
      .addColumn("post_id", "text")
      .addColumn("campaign_id", "text")
      .addColumn("account_id", "text")
      .addColumn("utm_source", "text")
      .addColumn("utm_medium", "text")
      .addColumn("utm_campaign", "text")
      .addColumn("utm_term", "text")
      .addColumn("utm_content", "text")
      .execute();
    await db.schema.createIndex("link_clicks_link_hour").on("link_clicks").columns(["link_id", "hour"]).execute();
    await db.schema.createIndex("link_clicks_recorded").on("link_clicks").column("recorded_at").execute();

    await db.schema
      .createTable("link_clicks_hourly")
      .addColumn("link_id", "text", (c) => c.notNull().references("links.id").onDelete("cascade"))
      .addColumn("hour", ts, (c) => c.notNull())
      .addColumn("clicks", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("link_clicks_hourly_pk", ["link_id", "hour"])
      .execute();

    // How far the rollup job has read link_clicks.recorded_at (one row).
    await db.schema
      .createTable("link_rollup_state")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("recorded_through", ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("link_utm_presets")
      .addColumn("campaign_id", "text", (c) => c.primaryKey().references("campaigns.id").onDelete("cascade"))
      .addColumn("utm_source", "text")
      .addColumn("utm_medium", "text")
      .addColumn("utm_campaign", "text")
      .addColumn("utm_term", "text")
      .addColumn("utm_content", "text")
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    // The visitor-hash salt of each UTC day, shared by every process; deleted after two days, after which
    // no stored hash can be tied to an address again.
    await db.schema
      .createTable("link_salts")
      .addColumn("day", "text", (c) => c.primaryKey())
      .addColumn("salt", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
  },
};
