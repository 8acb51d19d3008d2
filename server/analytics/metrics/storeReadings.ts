import type { MetricName } from "../../../connectors/types.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import type { MetricsDb } from "./tables.js";

/** One reading of a series: the account's (variant null) or one published variant's. */
export interface SeriesReading {
  variantId: string | null;
  postId: string | null;
  metric: MetricName;
  value: number;
}

export interface StoreContext {
  accountId: string;
  network: string;
  capturedAt: string;
}

const dayOf = (iso: string) => iso.slice(0, 10);
const keyOf = (variantId: string | null, metric: string) => `${variantId ?? ""}|${metric}`;

/** The latest snapshot of each series among these variants (null: the account's own series). */
async function latestOf(db: MetricsDb, accountId: string, variantIds: readonly (string | null)[]) {
  const posts = variantIds.filter((v): v is string => v !== null);
  const withAccount = variantIds.includes(null);
  if (posts.length === 0 && !withAccount) return new Map<string, { value: number; day: string; at: string }>();
  const latest = db
    .selectFrom("metric_snapshots")
    .select(["variant_id", "metric", (eb) => eb.fn.max("captured_at").as("at")])
    .where("account_id", "=", accountId)
    .where((eb) => {
      const parts = [];
      if (posts.length > 0) parts.push(eb("variant_id", "in", posts));
      if (withAccount) parts.push(eb("variant_id", "is", null));
      return eb.or(parts);
    })
    .groupBy(["variant_id", "metric"])
    .as("latest");
  const rows = await db
    .selectFrom("metric_snapshots as s")
    .innerJoin(latest, (join) =>
      join
        .onRef("latest.metric", "=", "s.metric")
        .onRef("latest.at", "=", "s.captured_at")
        // Null-safe: the account's own series has no variant.
        .on((eb) =>
          eb.or([
            eb("latest.variant_id", "=", eb.ref("s.variant_id")),
            eb.and([eb("latest.variant_id", "is", null), eb("s.variant_id", "is", null)]),
          ]),
        ),
    )
    .select(["s.variant_id", "s.metric", "s.value", "s.day", "s.captured_at"])
    .where("s.account_id", "=", accountId)
    .execute();
  return new Map(rows.map((r) => [keyOf(r.variant_id, r.metric), { value: Number(r.value), day: r.day, at: r.captured_at }]));
}

/** When each series' latest gap began (a series whose metric is missing right now has one after its last snapshot). */
async function latestGaps(db: MetricsDb, accountId: string, variantIds: readonly (string | null)[]) {
  const posts = variantIds.filter((v): v is string => v !== null);
  const rows = await db
    .selectFrom("metric_gaps")
    .select(["variant_id", "metric", (eb) => eb.fn.max("captured_at").as("at")])
    .where("account_id", "=", accountId)
    .where((eb) => {
      const parts = [];
      if (posts.length > 0) parts.push(eb("variant_id", "in", posts));
      if (variantIds.includes(null)) parts.push(eb("variant_id", "is", null));
      return eb.or(parts);
    })
    .groupBy(["variant_id", "metric"])
    .execute();
  return new Map(rows.map((g) => [keyOf(g.variant_id, g.metric), String(g.at)]));
}

/**
 * Stores readings as snapshots with their delta against the previous snapshot of the same series.
 * A snapshot is written only when the value changed or the series has none yet today (UTC): an unchanged
 * total adds one row a day, not one per run, and a day with a row says "collected, no change" while a day
 * without one says "not collected". The first reading of a post's metric counts from zero (a post starts
 * with none), so its delta is the whole value; the first reading of an account's followers has delta 0
 * (nothing is known of before).
 */
export async function storeReadings(db: MetricsDb, ctx: StoreContext, readings: readonly SeriesReading[]): Promise<number> {
  if (readings.length === 0) return 0;
  const variantIds = [...new Set(readings.map((r) => r.variantId))];
  const previous = await latestOf(db, ctx.accountId, variantIds);
  const gaps = await latestGaps(db, ctx.accountId, variantIds);
  const today = dayOf(ctx.capturedAt);
  const rows = [];
  for (const r of readings) {
    const key = keyOf(r.variantId, r.metric);
    const before = previous.get(key);
    // A metric back after a gap gets a row even when unchanged: that row is what ends the gap.
    const gapOpen = before !== undefined && (gaps.get(key) ?? "") > before.at;
    if (before && before.value === r.value && before.day === today && !gapOpen) continue;
    const delta = before ? r.value - before.value : r.variantId === null ? 0 : r.value;
    rows.push({
      id: timeOrderedId(),
      account_id: ctx.accountId,
      network: ctx.network,
      variant_id: r.variantId,
      post_id: r.postId,
      metric: r.metric,
      value: r.value,
      delta,
      captured_at: ctx.capturedAt,
      day: today,
    });
  }
  // Batches keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("metric_snapshots")
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.length;
}

export interface GapInput {
  variantId: string | null;
  metric: MetricName;
  reason: string;
}

/**
 * Records metrics the network offers but did not return. A gap already recorded since the series' last
 * snapshot is not written again: one row per run of missing readings, dated when it began.
 */
export async function recordGaps(db: MetricsDb, ctx: StoreContext, gaps: readonly GapInput[]): Promise<number> {
  if (gaps.length === 0) return 0;
  const variantIds = [...new Set(gaps.map((g) => g.variantId))];
  const snapshots = await latestOf(db, ctx.accountId, variantIds);
  const lastGap = await latestGaps(db, ctx.accountId, variantIds);
  const rows = gaps
    // Ongoing: a gap recorded after the series' last snapshot (the metric has not come back since).
    .filter((g) => {
      const at = lastGap.get(keyOf(g.variantId, g.metric));
      return !at || at < (snapshots.get(keyOf(g.variantId, g.metric))?.at ?? "");
    })
    .map((g) => ({
      id: timeOrderedId(),
      account_id: ctx.accountId,
      variant_id: g.variantId,
      metric: g.metric,
      reason: g.reason,
      captured_at: ctx.capturedAt,
    }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("metric_gaps")
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.length;
}
