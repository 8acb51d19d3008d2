import type { ConnectorCatalog } from "../../connections/catalog.js";
import { notFound } from "../../errors.js";
import { resolveRange } from "../report.js";
import { type Counts, channelOf, dailyOf, daysOf, excerpt, gapsOf, incompleteDays, offerOf } from "./read.js";
import type { MetricsQueryType, PostMetricsType } from "./schema.js";
import type { MetricsDb } from "./tables.js";

/** One post's metrics on each channel it was published to: latest totals, growth per day in the range, gaps. */
export async function postMetrics(
  db: MetricsDb,
  connectors: ConnectorCatalog,
  postId: string,
  query: MetricsQueryType,
  now = Date.now(),
): Promise<PostMetricsType> {
  const r = resolveRange(query, now);
  const post = await db.selectFrom("posts").select(["id", "text"]).where("id", "=", postId).executeTakeFirst();
  if (!post) throw notFound("The post", "post_not_found");
  const variants = await db
    .selectFrom("post_variants")
    .select(["id", "account_id", "published_at", "remote_url"])
    .where("post_id", "=", postId)
    .where("status", "=", "published")
    .where("account_id", "is not", null)
    .orderBy("published_at")
    .execute();
  const days = daysOf(r.from, r.to);
  const out: PostMetricsType["variants"] = [];
  for (const v of variants) {
    if (!v.account_id) continue;
    const { channel, support } = await channelOf(db, connectors, v.account_id);
    const offered = offerOf(support);
    const snapshots = await db
      .selectFrom("metric_snapshots")
      .select(["metric", "value", "delta", "day", "captured_at"])
      .where("variant_id", "=", v.id)
      .where("day", "<=", r.to)
      .orderBy("captured_at")
      .execute();
    const totals: Counts = Object.fromEntries(offered.post.map((m) => [m, null]));
    const sums = new Map<string, number>();
    // Snapshots come oldest first: the first one kept is the series' first day.
    let firstDay = "";
    for (const s of snapshots) {
      if (!(s.metric in totals)) continue;
      totals[s.metric] = Number(s.value);
      if (firstDay === "") firstDay = s.day;
      if (s.day < r.from) continue;
      const key = `${s.day}|${s.metric}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(s.delta));
    }
    const rows = [...sums.entries()].map(([key, sum]) => {
      const [day = "", metric = ""] = key.split("|");
      return { day, metric, sum };
    });
    const gaps = await gapsOf(db, { variantId: v.id }, r.from, r.to);
    const incomplete = await incompleteDays(db, v.account_id, gaps, r.to);
    // One post: a metric the network left out that day is unknown (null), not zero.
    const daily = dailyOf(rows, days, offered.post, firstDay || null).map((d) => ({
      day: d.day,
      values: Object.fromEntries(Object.entries(d.values).map(([m, x]) => [m, incomplete.get(m)?.has(d.day) ? null : x])),
    }));
    out.push({
      variantId: v.id,
      channel,
      publishedAt: v.published_at,
      url: v.remote_url,
      offered: offered.post,
      notOffered: offered.notOffered.filter((m) => m !== "followers"),
      totals,
      growth: Object.fromEntries(offered.post.map((m) => [m, firstDay === "" ? null : daily.reduce((a, d) => a + (d.values[m] ?? 0), 0)])),
      daily,
      gaps,
    });
  }
  return { post: { id: post.id, text: excerpt(post.text, 200) }, range: { from: r.from, to: r.to, days: r.days }, variants: out };
}
