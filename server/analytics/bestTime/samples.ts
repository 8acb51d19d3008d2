import type { MetricsDb } from "../metrics/tables.js";
import { type Slot, slotOf } from "./slots.js";

/** Where a post's engagement comes from: the network's own total, else the parts we can add up. */
const TOTAL = "engagements";
const PARTS = ["likes", "replies", "shares"] as const;

export interface PostSample {
  variantId: string;
  slot: Slot;
  engagement: number;
}

export interface AccountSamples {
  accountId: string;
  timeZone: string;
  /** Where the zone came from: the account's posting queue, the zone its posts were scheduled in, or UTC. */
  timeZoneSource: "queue" | "posts" | "default";
  /** Variants published in the window, with engagement data or not. */
  published: number;
  /** Those with engagement data, each in its slot on the account's wall clock. */
  posts: PostSample[];
}

const mostCommon = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
};

/**
 * The published variants of these accounts in [since, until], each with its engagement: the latest
 * `engagements` snapshot, or when the network reports none, the sum of the latest likes, replies and shares.
 * A variant without any of those has no data and is left out (counted in `published` only).
 */
export async function accountSamples(db: MetricsDb, accountIds: string[], since: string, until: string): Promise<AccountSamples[]> {
  if (accountIds.length === 0) return [];
  const variants = await db
    .selectFrom("post_variants as v")
    .innerJoin("posts as p", "p.id", "v.post_id")
    .select(["v.id", "v.account_id", "v.published_at", "p.time_zone"])
    .where("v.account_id", "in", accountIds)
    .where("v.status", "=", "published")
    .where("v.published_at", ">=", since)
    .where("v.published_at", "<=", until)
    .execute();
  // The latest reading of each (variant, metric): the snapshots are running totals.
  const latest = await db
    .selectFrom("metric_snapshots as s")
    .innerJoin(
      (eb) =>
        eb
          .selectFrom("metric_snapshots")
          .select(["variant_id", "metric", (e) => e.fn.max("captured_at").as("last")])
          .where("account_id", "in", accountIds)
          .where("metric", "in", [TOTAL, ...PARTS])
          .where("captured_at", ">=", since)
          .where("variant_id", "is not", null)
          .groupBy(["variant_id", "metric"])
          .as("l"),
      (join) => join.onRef("l.variant_id", "=", "s.variant_id").onRef("l.metric", "=", "s.metric").onRef("l.last", "=", "s.captured_at"),
    )
    .select(["s.variant_id", "s.metric", "s.value"])
    .execute();
  const readings = new Map<string, Map<string, number>>();
  for (const r of latest) {
    if (!r.variant_id) continue;
    const byMetric = readings.get(r.variant_id) ?? new Map<string, number>();
    byMetric.set(r.metric, Math.max(byMetric.get(r.metric) ?? 0, Number(r.value)));
    readings.set(r.variant_id, byMetric);
  }
  const engagementOf = (variantId: string): number | undefined => {
    const m = readings.get(variantId);
    if (!m) return undefined;
    const total = m.get(TOTAL);
    if (total !== undefined) return total;
    const parts = PARTS.flatMap((p) => (m.has(p) ? [m.get(p) as number] : []));
    return parts.length ? parts.reduce((a, b) => a + b, 0) : undefined;
  };
  const queues = await db
    .selectFrom("posting_queue_slots")
    .select(["account_id", "time_zone"])
    .where("account_id", "in", accountIds)
    .execute();
  return accountIds.map((accountId) => {
    const own = variants.filter((v) => v.account_id === accountId);
    const queueZone = queues.find((q) => q.account_id === accountId)?.time_zone;
    const postsZone = mostCommon(own.map((v) => v.time_zone));
    const timeZone = queueZone ?? postsZone ?? "UTC";
    const posts = own.flatMap((v) => {
      const engagement = engagementOf(v.id);
      return engagement === undefined || !v.published_at ? [] : [{ variantId: v.id, slot: slotOf(v.published_at, timeZone), engagement }];
    });
    return {
      accountId,
      timeZone,
      timeZoneSource: queueZone ? "queue" : postsZone ? "posts" : "default",
      published: own.length,
      posts,
    };
  });
}
