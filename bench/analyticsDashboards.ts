// The dashboard half of `npm run bench:analytics`: BENCH_ROWS click rows (10,000,000 by default) plus 1 % as
// many conversions, generated inside the database with bulk INSERT … SELECT (a recursive CTE on SQLite,
// generate_series on PostgreSQL), rolled up by the real jobs, then the dashboards' report (every query a
// dashboard page makes) timed per database. Prints JSON lines (ENGINEERING.md § Benchmarks).
//
// Shape of the data: 2,000 links over 50 campaigns and 20 channels, one posted every ~4.4 hours over the
// last year; each link's clicks fall in the 14 days after it went out (short links in posts decay fast).
// Each link belongs to a published post whose network metrics (impressions, likes, replies, shares) were
// snapshotted daily for the 90 days after it went out (720,000 rows), plus each channel's followers daily
// (7,300 rows); the channel and post metric pages are timed with the dashboards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type RawBuilder, sql } from "kysely";
import pg from "pg";
import { CONNECTORS } from "../connectors/registry.js";
import { channelMetrics } from "../server/analytics/metrics/channelReport.js";
import { postMetrics } from "../server/analytics/metrics/postReport.js";
import { metricsDb } from "../server/analytics/metrics/tables.js";
import { buildReport } from "../server/analytics/report.js";
import { rollupDaily } from "../server/analytics/rollup.js";
import type { ReportFilter } from "../server/analytics/schema.js";
import { analyticsDb } from "../server/analytics/tables.js";
import { catalogOf } from "../server/connections/catalog.js";
import type { DialectName } from "../server/db/capabilities.js";
import { type DatabaseHandle, openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrate.js";
import { report, round } from "./lib.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 40);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://localhost/test";
// A URL without a user name makes pg fall back to $PGUSER, then $USER; CI may have neither.
if (!process.env.PGUSER && !process.env.USER) process.env.PGUSER = "postgres";
const LINKS = 2000;
const CAMPAIGNS = 50;
const CHANNELS = 20;
const DAYS = 365;
const ACTIVE_HOURS = 14 * 24;
const CHUNK = 1_000_000;
const HOUR_MS = 3_600_000;

const log = (message: string) => process.stderr.write(`[bench:analytics] ${message}\n`);
const elapsed = (start: number) => round((performance.now() - start) / 1000, 1);

async function open(dialect: DialectName): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  if (dialect === "sqlite") {
    const handle = openDatabase({ dataDir });
    return {
      handle,
      cleanup: async () => {
        await handle.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query("CREATE DATABASE switchboard_bench").catch((err: { code?: string }) => {
    if (err.code !== "42P04") throw err; // it exists already
  });
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = "/switchboard_bench";
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  const handle = openDatabase({ databaseUrl: url.href, dataDir, pgSchema: schema });
  return {
    handle,
    cleanup: async () => {
      await handle.destroy();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Campaigns, channels and links, written through Kysely (a few thousand rows). */
async function seedInventory(handle: DatabaseHandle, startMs: number) {
  const db = handle.db;
  const now = new Date().toISOString();
  await db
    .insertInto("campaigns")
    .values(
      Array.from({ length: CAMPAIGNS }, (_, i) => ({
        id: `bench-campaign-${i}`,
        name: `Campaign ${i}`,
        description: "",
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto("accounts")
    .values(
      Array.from({ length: CHANNELS }, (_, i) => ({
        id: `bench-account-${i}`,
        network: i % 2 ? "bluesky" : "mastodon",
        handle: `channel${i}.example`,
        handle_key: `channel${i}.example`,
        url: null,
        display_name: `Channel ${i}`,
        owner_id: null,
        team_id: null,
        purpose: "",
        audience: "",
        status: "active",
        two_factor: "unknown",
        recovery_contact: "",
        notes: "",
        last_activity_at: null,
        connection_status: "not_connected",
        external_id: null,
        connected_at: null,
        token_expires_at: null,
        last_success_at: null,
        last_error: null,
        last_error_at: null,
        refresh_lock_owner: null,
        refresh_lock_until: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto("users")
    .values({
      id: "bench-user",
      email: "bench@example.org",
      name: "Bench",
      password_hash: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (let from = 0; from < LINKS; from += 500) {
    const batch = Array.from({ length: Math.min(500, LINKS - from) }, (_, k) => from + k);
    const at = (i: number) => new Date(startMs + Math.floor((i * DAYS * 24) / LINKS) * HOUR_MS).toISOString();
    await db
      .insertInto("posts")
      .values(
        batch.map((i) => ({
          id: `bench-post-${i}`,
          author_id: "bench-user",
          campaign_id: `bench-campaign-${i % CAMPAIGNS}`,
          text: `Post ${i} https://shop.example/p/${i}`,
          tags: "[]",
          time_zone: "UTC",
          scheduled_at: at(i),
          status: "published",
          version: 1,
          created_at: at(i),
          updated_at: at(i),
        })),
      )
      .execute();
    await db
      .insertInto("post_variants")
      .values(
        batch.map((i) => ({
          id: `bench-variant-${i}`,
          post_id: `bench-post-${i}`,
          account_id: `bench-account-${i % CHANNELS}`,
          network: (i % CHANNELS) % 2 ? "bluesky" : "mastodon",
          thread_parts: "[]",
          status: "published",
          remote_id: `remote-${i}`,
          remote_url: null,
          published_at: at(i),
        })),
      )
      .execute();
  }
  const links = analyticsDb(db);
  for (let from = 0; from < LINKS; from += 500) {
    await links
      .insertInto("links")
      .values(
        Array.from({ length: Math.min(500, LINKS - from) }, (_, k) => {
          const i = from + k;
          const at = new Date(startMs + Math.floor((i * DAYS * 24) / LINKS) * HOUR_MS).toISOString();
          return {
            id: `bench-link-${i}`,
            code: `bench${i}`,
            destination: `https://shop.example/p/${i}`,
            campaign_id: `bench-campaign-${i % CAMPAIGNS}`,
            post_id: null,
            account_id: `bench-account-${i % CHANNELS}`,
            utm_source: "bench",
            utm_medium: "social",
            utm_campaign: `campaign-${i % CAMPAIGNS}`,
            utm_term: null,
            utm_content: null,
            expires_at: null,
            archived_at: null,
            created_by: null,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .execute();
  }
}

/**
 * Click i belongs to link i % LINKS, in one of the 336 hours after the link went out (a multiplicative
 * hash spreads them). The expressions are the same on both databases but for formatting the id and time.
 */
function clickInsert(dialect: DialectName, from: number, count: number, startSeconds: number) {
  const link = sql`(i % ${sql.lit(LINKS)})`;
  const hourIndex = sql`((i % ${sql.lit(LINKS)}) * ${sql.lit(DAYS * 24)} / ${sql.lit(LINKS)} + ((i / ${sql.lit(LINKS)}) * 7919) % ${sql.lit(ACTIVE_HOURS)})`;
  if (dialect === "sqlite") {
    const time = sql`strftime('%Y-%m-%dT%H:00:00.000Z', ${sql.lit(startSeconds)} + ${hourIndex} * 3600, 'unixepoch')`;
    return sql`
      with recursive n(i) as (select ${sql.lit(from)} union all select i + 1 from n where i < ${sql.lit(from + count - 1)})
      insert into link_clicks (id, link_id, visitor_hash, clicked_at, hour, recorded_at, post_id, campaign_id, account_id,
        utm_source, utm_medium, utm_campaign, utm_term, utm_content)
      select printf('00000000-0000-7000-8000-%012x', i), 'bench-link-' || ${link}, 'v' || i, ${time}, ${time}, ${time}, null,
        'bench-campaign-' || (${link} % ${sql.lit(CAMPAIGNS)}), 'bench-account-' || (${link} % ${sql.lit(CHANNELS)}), 'bench', 'social', null, null, null
      from n`;
  }
  const time = sql`to_timestamp(${sql.lit(startSeconds)} + ${hourIndex} * 3600)`;
  return sql`
    insert into link_clicks (id, link_id, visitor_hash, clicked_at, hour, recorded_at, post_id, campaign_id, account_id,
      utm_source, utm_medium, utm_campaign, utm_term, utm_content)
    select '00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'), 'bench-link-' || ${link}, 'v' || i, ${time}, ${time}, ${time}, null,
      'bench-campaign-' || (${link} % ${sql.lit(CAMPAIGNS)}), 'bench-account-' || (${link} % ${sql.lit(CHANNELS)}), 'bench', 'social', null, null, null
    from generate_series(${sql.lit(from)}::bigint, ${sql.lit(from + count - 1)}::bigint) as g(i)`;
}

/** One conversion per 100 clicks, attributed to the click's link; a fifth of them sales worth 10–109 EUR. */
function conversionInsert(dialect: DialectName, count: number, startSeconds: number) {
  const link = sql`((i * 100) % ${sql.lit(LINKS)})`;
  const hourIndex = sql`(((i * 100) % ${sql.lit(LINKS)}) * ${sql.lit(DAYS * 24)} / ${sql.lit(LINKS)} + (((i * 100) / ${sql.lit(LINKS)}) * 7919) % ${sql.lit(ACTIVE_HOURS)})`;
  const kind = sql`case when i % 5 = 0 then 'sale' when i % 5 = 1 then 'signup' else 'lead' end`;
  const value = sql`case when i % 5 = 0 then 1000 + (i % 100) * 100 else 0 end`;
  const { series, time, day } = generatedRows(dialect, count, sql`(${sql.lit(startSeconds)} + ${hourIndex} * 3600)`, "b000");
  return sql`
    insert into analytics_conversions (id, dedupe_key, kind, value_minor, currency, click_id, customer_key, signed, attributed_via,
      link_id, campaign_id, post_id, account_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
      occurred_at, day, received_at, updated_at)
    select 'conv-' || i, 'order-' || i, ${kind}, ${value}, 'EUR', null, null, 1, 'click',
      'bench-link-' || ${link}, 'bench-campaign-' || (${link} % ${sql.lit(CAMPAIGNS)}), null, 'bench-account-' || (${link} % ${sql.lit(CHANNELS)}),
      'bench', 'social', null, null, null, ${time}, ${day}, ${time}, ${time}
    from ${series} as s`;
}

const METRIC_DAYS = 90;
const POST_METRICS = ["impressions", "likes", "replies", "shares"];

/**
 * Daily snapshots: for each post, each of POST_METRICS on each of the METRIC_DAYS days after it went out
 * (running totals growing by a fixed step, the delta beside them), then each channel's followers per day.
 */
function metricInsert(dialect: DialectName, startSeconds: number) {
  const perPost = POST_METRICS.length * METRIC_DAYS;
  const count = LINKS * perPost;
  const post = sql`(i / ${sql.lit(perPost)})`;
  const metricIndex = sql`((i / ${sql.lit(METRIC_DAYS)}) % ${sql.lit(POST_METRICS.length)})`;
  const dayIndex = sql`(i % ${sql.lit(METRIC_DAYS)})`;
  const seconds = sql`(${sql.lit(startSeconds)} + (${post} * ${sql.lit(DAYS * 24)} / ${sql.lit(LINKS)}) * 3600 + ${dayIndex} * 86400 + 3600)`;
  const metric = sql`case ${metricIndex} ${sql.join(
    POST_METRICS.map((m, k) => sql`when ${sql.lit(k)} then ${sql.lit(m)}`),
    sql` `,
  )} end`;
  const step = sql`(1 + (${post} % 7) * (4 - ${metricIndex}) * 5)`;
  const { series, time, day, id } = generatedRows(dialect, count, seconds, "9000");
  return sql`
    insert into metric_snapshots (id, account_id, network, variant_id, post_id, metric, value, delta, captured_at, day)
    select ${id}, 'bench-account-' || (${post} % ${sql.lit(CHANNELS)}),
      case when (${post} % ${sql.lit(CHANNELS)}) % 2 = 1 then 'bluesky' else 'mastodon' end,
      'bench-variant-' || ${post}, 'bench-post-' || ${post}, ${metric}, (${dayIndex} + 1) * ${step}, ${step}, ${time}, ${day}
    from ${series} as s`;
}

/** Each channel's followers, one snapshot a day over the year. */
function followerInsert(dialect: DialectName, startSeconds: number) {
  const count = CHANNELS * DAYS;
  const channel = sql`(i % ${sql.lit(CHANNELS)})`;
  const dayIndex = sql`(i / ${sql.lit(CHANNELS)})`;
  const seconds = sql`(${sql.lit(startSeconds)} + ${dayIndex} * 86400 + 7200)`;
  const { series, time, day, id } = generatedRows(dialect, count, seconds, "a000");
  return sql`
    insert into metric_snapshots (id, account_id, network, variant_id, post_id, metric, value, delta, captured_at, day)
    select ${id}, 'bench-account-' || ${channel}, case when ${channel} % 2 = 1 then 'bluesky' else 'mastodon' end,
      null, null, 'followers', 1000 + ${dayIndex} * 3, case when ${dayIndex} = 0 then 0 else 3 end, ${time}, ${day}
    from ${series} as s`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function benchDialect(dialect: DialectName) {
  const { handle, cleanup } = await open(dialect);
  try {
    await migrateToLatest(handle);
    const db = analyticsDb(handle.db);
    const endMs = Date.now() - (Date.now() % HOUR_MS);
    const startMs = endMs - (DAYS * 24 + ACTIVE_HOURS) * HOUR_MS;
    const startSeconds = startMs / 1000;
    await seedInventory(handle, startMs);

    let started = performance.now();
    for (let from = 0; from < ROWS; from += CHUNK) {
      await clickInsert(dialect, from, Math.min(CHUNK, ROWS - from), startSeconds).execute(db);
      log(`${dialect}: ${Math.min(from + CHUNK, ROWS).toLocaleString()} of ${ROWS.toLocaleString()} clicks (${elapsed(started)} s)`);
    }
    const conversions = Math.floor(ROWS / 100);
    if (conversions > 0) await conversionInsert(dialect, conversions, startSeconds).execute(db);
    await metricInsert(dialect, startSeconds).execute(db);
    await followerInsert(dialect, startSeconds).execute(db);
    const metricRows = Number(
      (
        await metricsDb(handle.db)
          .selectFrom("metric_snapshots")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    log(`${dialect}: ${metricRows.toLocaleString()} metric snapshots`);
    const generateS = elapsed(started);
    if (dialect === "postgres") await sql`analyze`.execute(db);

    started = performance.now();
    await rollupDaily(db, endMs + HOUR_MS);
    const rollupS = elapsed(started);
    if (dialect === "postgres") await sql`analyze`.execute(db);
    const daily = await db
      .selectFrom("analytics_daily")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    log(`${dialect}: generated in ${generateS} s, rolled up in ${rollupS} s (${Number(daily.n).toLocaleString()} daily rows)`);

    // What the dashboard pages ask for: the overview (30 and 90 days), a campaign, a channel and a link.
    const today = new Date(endMs).toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(endMs - n * 86_400_000).toISOString().slice(0, 10);
    const views: ReportFilter[] = [
      { from: daysAgo(29), to: today },
      { from: daysAgo(89), to: today },
      { from: daysAgo(29), to: today, campaignId: "bench-campaign-7" },
      { from: daysAgo(89), to: today, campaignId: "bench-campaign-8" },
      { from: daysAgo(29), to: today, accountId: "bench-account-3" },
      { from: daysAgo(29), to: today, linkId: `bench-link-${LINKS - 10}` },
    ];
    // The network-metrics pages: a channel over 30 and 90 days, and one post.
    const mdb = metricsDb(handle.db);
    const connectors = catalogOf(CONNECTORS);
    const pages: (() => Promise<unknown>)[] = [
      ...views.map((view) => () => buildReport(db, view, endMs)),
      () => channelMetrics(mdb, connectors, "bench-account-3", { from: daysAgo(29), to: today }, endMs),
      () => channelMetrics(mdb, connectors, "bench-account-4", { from: daysAgo(89), to: today }, endMs),
      () => postMetrics(mdb, connectors, `bench-post-${LINKS - 40}`, { from: daysAgo(89), to: today }, endMs),
    ];
    for (const page of pages) await page(); // warm-up
    const overview = await buildReport(db, views[0] as ReportFilter, endMs);
    if (overview.totals.clicks === 0) throw new Error("the overview found no clicks");
    const channel = await channelMetrics(mdb, connectors, "bench-account-3", { from: daysAgo(29), to: today }, endMs);
    if (channel.topPosts.length === 0) throw new Error("the channel page found no posts with metrics");
    const timings: number[] = [];
    const perView = pages.map((): number[] => []);
    for (let i = 0; i < QUERIES; i++) {
      for (const [v, page] of pages.entries()) {
        const t = performance.now();
        await page();
        const ms = performance.now() - t;
        timings.push(ms);
        perView[v]?.push(ms);
      }
    }
    timings.sort((a, b) => a - b);
    const spread = perView.map((list) => {
      const sorted = [...list].sort((a, b) => a - b);
      return `${round(percentile(sorted, 50), 1)}/${round(percentile(sorted, 100), 1)}`;
    });
    log(`${dialect}: median/slowest per view (ms): ${spread.join(", ")}`);
    const note = `${ROWS.toLocaleString()} clicks + ${conversions.toLocaleString()} conversions + ${metricRows.toLocaleString()} metric snapshots; ${Number(daily.n).toLocaleString()} daily rollup rows; ${timings.length} reports (overview 30/90 d, campaign, channel, link, channel metrics 30/90 d, post metrics), each every query of one dashboard page`;
    report({
      bench: "analytics",
      metric: "dashboard_p99_ms",
      value: round(percentile(timings, 99), 1),
      unit: "ms",
      note: `${dialect}: ${note}`,
    });
    report({ bench: "analytics", metric: "dashboard_p50_ms", value: round(percentile(timings, 50), 1), unit: "ms", note: dialect });
    report({ bench: "analytics", metric: "generate_s", value: generateS, unit: "s", note: `${dialect}: bulk INSERT … SELECT` });
    report({
      bench: "analytics",
      metric: "rollup_all_s",
      value: rollupS,
      unit: "s",
      note: `${dialect}: hourly and daily rollups from nothing`,
    });
  } finally {
    await cleanup();
  }
}

export async function benchDashboards(): Promise<void> {
  const dialects = (process.env.BENCH_DIALECTS ?? "sqlite,postgres").split(",") as DialectName[];
  for (const dialect of dialects) await benchDialect(dialect);
}

/**
 * Rows numbered 0…count − 1 generated inside the database (a recursive CTE on SQLite, generate_series on
 * PostgreSQL) with, for a time in epoch seconds, its stored timestamp and UTC day, and ids whose fourth group
 * is `idGroup` (so each kind of generated row has ids of its own).
 */
function generatedRows(dialect: DialectName, count: number, seconds: RawBuilder<unknown>, idGroup: string) {
  if (dialect === "sqlite") {
    return {
      series: sql`(with recursive n(i) as (select 0 union all select i + 1 from n where i < ${sql.lit(count - 1)}) select i from n)`,
      time: sql`strftime('%Y-%m-%dT%H:%M:%S.000Z', ${seconds}, 'unixepoch')`,
      day: sql`strftime('%Y-%m-%d', ${seconds}, 'unixepoch')`,
      id: sql`printf(${sql.lit(`00000000-0000-7000-${idGroup}-%012x`)}, i)`,
    };
  }
  return {
    series: sql`(select i from generate_series(0::bigint, ${sql.lit(count - 1)}::bigint) as g(i))`,
    time: sql`(to_char(to_timestamp(${seconds}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'))::timestamptz`,
    day: sql`to_char(to_timestamp(${seconds}) at time zone 'UTC', 'YYYY-MM-DD')`,
    id: sql`${sql.lit(`00000000-0000-7000-${idGroup}-`)} || lpad(to_hex(i), 12, '0')`,
  };
}
