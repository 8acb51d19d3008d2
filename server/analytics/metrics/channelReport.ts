import type { ConnectorCatalog } from "../../connections/catalog.js";
import { resolveRange } from "../report.js";
import {
  type Counts,
  channelOf,
  dailyOf,
  daysOf,
  excerpt,
  firstDayOf,
  gapsOf,
  incompleteDays,
  type MetricKey,
  offerOf,
  syncOf,
  totalOf,
} from "./read.js";
import type { ChannelMetricsType, MetricsQueryType } from "./schema.js";
import type { MetricsDb } from "./tables.js";

const TOP_POSTS = 50;
/** What "top" means when the request does not say: the first of these the network offers. */
const SORT_PREFERENCE: readonly MetricKey[] = ["engagements", "impressions", "likes", "shares", "replies", "link_clicks", "video_views"];

async function followersOf(db: MetricsDb, accountId: string, days: readonly string[], to: string, prevTo: string) {
  const base = db
    .selectFrom("metric_snapshots")
    .select(["day", "value", "captured_at"])
    .where("account_id", "=", accountId)
    .where("variant_id", "is", null)
    .where("metric", "=", "followers");
  const last = async (day: string) => {
    const row = await base.where("day", "<=", day).orderBy("captured_at", "desc").limit(1).executeTakeFirst();
    return row ? Number(row.value) : null;
  };
  const rows = await base
    .where("day", ">=", days[0] ?? to)
    .where("day", "<=", to)
    .orderBy("captured_at")
    .execute();
  // The day's last reading; a day without one was not collected (null), not zero.
  const byDay = new Map(rows.map((r) => [r.day, Number(r.value)]));
  return {
    now: await last(to),
    before: await last(prevTo),
    series: days.map((day) => ({ day, value: byDay.get(day) ?? null })),
  };
}

/** Latest running totals (on or before `to`) of these variants' series. */
async function latestTotals(db: MetricsDb, accountId: string, variantIds: readonly string[], to: string) {
  if (variantIds.length === 0) return new Map<string, Counts>();
  const latest = db
    .selectFrom("metric_snapshots")
    .select(["variant_id", "metric", (eb) => eb.fn.max("captured_at").as("at")])
    .where("account_id", "=", accountId)
    .where("variant_id", "in", variantIds)
    .where("day", "<=", to)
    .groupBy(["variant_id", "metric"])
    .as("latest");
  const rows = await db
    .selectFrom("metric_snapshots as s")
    .innerJoin(latest, (join) =>
      join.onRef("latest.variant_id", "=", "s.variant_id").onRef("latest.metric", "=", "s.metric").onRef("latest.at", "=", "s.captured_at"),
    )
    .select(["s.variant_id", "s.metric", "s.value"])
    .where("s.account_id", "=", accountId)
    .execute();
  const out = new Map<string, Counts>();
  for (const r of rows) {
    if (!r.variant_id) continue;
    const counts = out.get(r.variant_id) ?? {};
    counts[r.metric] = Number(r.value);
    out.set(r.variant_id, counts);
  }
  return out;
}

/**
 * One channel's network metrics for a range: followers over time, the daily growth of each post metric
 * the network offers (against the previous period of the same length), the posts that grew most, what the
 * network does not offer, the gaps it left, and how collection is going.
 */
export async function channelMetrics(
  db: MetricsDb,
  connectors: ConnectorCatalog,
  accountId: string,
  query: MetricsQueryType,
  now = Date.now(),
): Promise<ChannelMetricsType> {
  const r = resolveRange(query, now);
  const { channel, support } = await channelOf(db, connectors, accountId);
  const offered = offerOf(support);
  const firstDay = await firstDayOf(db, accountId);
  const days = daysOf(r.from, r.to);
  const previousDays = daysOf(r.prevFrom, r.prevTo);

  const growth = await db
    .selectFrom("metric_snapshots")
    .select(["day", "metric", (eb) => eb.fn.sum<string>("delta").as("sum")])
    .where("account_id", "=", accountId)
    .where("variant_id", "is not", null)
    .where("day", ">=", r.prevFrom)
    .where("day", "<=", r.to)
    .groupBy(["day", "metric"])
    .execute();
  const sums = growth.map((g) => ({ day: g.day, metric: g.metric, sum: Number(g.sum) }));
  const daily = dailyOf(sums, days, offered.post, firstDay);
  const previousDaily = dailyOf(sums, previousDays, offered.post, firstDay);

  const sortedBy =
    query.sort && offered.post.includes(query.sort) ? query.sort : (SORT_PREFERENCE.find((m) => offered.post.includes(m)) ?? null);
  const perPost = await db
    .selectFrom("metric_snapshots")
    .select(["variant_id", "metric", (eb) => eb.fn.sum<string>("delta").as("sum")])
    .where("account_id", "=", accountId)
    .where("variant_id", "is not", null)
    .where("day", ">=", r.from)
    .where("day", "<=", r.to)
    .groupBy(["variant_id", "metric"])
    .execute();
  const growthByVariant = new Map<string, Counts>();
  for (const p of perPost) {
    if (!p.variant_id) continue;
    const counts = growthByVariant.get(p.variant_id) ?? {};
    counts[p.metric] = Number(p.sum);
    growthByVariant.set(p.variant_id, counts);
  }
  const ranked = [...growthByVariant.entries()]
    .sort(([a, ga], [b, gb]) => (sortedBy ? (gb[sortedBy] ?? 0) - (ga[sortedBy] ?? 0) : 0) || a.localeCompare(b))
    .slice(0, TOP_POSTS);
  const ids = ranked.map(([id]) => id);
  const variants =
    ids.length === 0
      ? []
      : await db
          .selectFrom("post_variants as v")
          .innerJoin("posts as p", "p.id", "v.post_id")
          .select(["v.id", "v.post_id", "v.text as variant_text", "p.text as post_text", "v.published_at", "v.remote_url"])
          .where("v.id", "in", ids)
          .execute();
  const byId = new Map(variants.map((v) => [v.id, v]));
  const totals = await latestTotals(db, accountId, ids, r.to);
  const only = (counts: Counts | undefined) => Object.fromEntries(offered.post.map((m) => [m, counts?.[m] ?? null])) as Counts;

  const gaps = await gapsOf(db, { accountId }, r.from, r.to);
  const incomplete = await incompleteDays(db, accountId, gaps, r.to);
  return {
    channel,
    offered,
    range: { from: r.from, to: r.to, days: r.days },
    previous: { from: r.prevFrom, to: r.prevTo },
    followers: offered.account.includes("followers") ? await followersOf(db, accountId, days, r.to, r.prevTo) : null,
    totals: totalOf(daily, offered.post),
    previousTotals: totalOf(previousDaily, offered.post),
    daily: daily.map((d) => ({ ...d, incomplete: [...incomplete].filter(([, days]) => days.has(d.day)).map(([m]) => m) })),
    topPosts: ranked.flatMap(([id, g]) => {
      const v = byId.get(id);
      if (!v) return [];
      return [
        {
          postId: v.post_id,
          variantId: id,
          text: excerpt(v.variant_text || v.post_text),
          publishedAt: v.published_at,
          url: v.remote_url,
          growth: only(g),
          totals: only(totals.get(id)),
        },
      ];
    }),
    sortedBy,
    gaps,
    sync: await syncOf(db, accountId, support),
  };
}
