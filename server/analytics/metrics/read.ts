import { findNetwork } from "../../../connectors/networks.js";
import type { MetricsSupport } from "../../../connectors/types.js";
import type { ConnectorCatalog } from "../../connections/catalog.js";
import { notFound } from "../../errors.js";
import { METRICS, POST_METRICS } from "./schema.js";
import type { MetricsDb } from "./tables.js";

/** Shared reads of the channel and post dashboards. */

export type MetricKey = (typeof METRICS)[number];
export type Counts = Record<string, number | null>;
const DAY_MS = 86_400_000;

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export const excerpt = (text: string | null | undefined, max = 120) => {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function offerOf(support: MetricsSupport | undefined) {
  const account = METRICS.filter((m) => support?.account.includes(m));
  const post = METRICS.filter((m) => m !== "followers" && support?.post.includes(m));
  const notOffered = METRICS.filter((m) => !account.includes(m) && !post.includes(m));
  return { account, post, notOffered };
}

export async function channelOf(db: MetricsDb, connectors: ConnectorCatalog, accountId: string) {
  const account = await db
    .selectFrom("accounts")
    .select(["id", "network", "handle", "display_name"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw notFound("The channel", "account_not_found");
  return {
    channel: {
      id: account.id,
      network: account.network,
      networkName: findNetwork(account.network)?.name ?? account.network,
      handle: account.handle,
      displayName: account.display_name,
    },
    support: connectors.get(account.network)?.metrics,
  };
}

export async function syncOf(db: MetricsDb, accountId: string, support: MetricsSupport | undefined) {
  const s = await db.selectFrom("metric_sync_state").selectAll().where("account_id", "=", accountId).executeTakeFirst();
  if (!s) return null;
  return {
    lastSyncedAt: s.last_synced_at,
    nextSyncAt: s.next_sync_at,
    backfilledAt: s.backfilled_at,
    failures: s.failures,
    lastError: s.last_error,
    intervalMinutes: support?.intervalMinutes ?? null,
  };
}

/**
 * Growth per day and metric (sum of deltas) of the given series. Days before the channel's first
 * collection are null (unknown); after it, a day without a snapshot had no change (0).
 */
export function dailyOf(
  rows: readonly { day: string; metric: string; sum: number }[],
  days: readonly string[],
  offered: readonly MetricKey[],
  firstDay: string | null,
) {
  const byDay = new Map<string, Counts>();
  for (const r of rows) {
    const counts = byDay.get(r.day) ?? {};
    counts[r.metric] = (counts[r.metric] ?? 0) + r.sum;
    byDay.set(r.day, counts);
  }
  return days.map((day) => {
    const known = firstDay !== null && day >= firstDay;
    const got = byDay.get(day) ?? {};
    return { day, values: Object.fromEntries(offered.map((m) => [m, known ? (got[m] ?? 0) : null])) as Counts };
  });
}

/** Sums of the daily values over the days given, per offered metric (null when no day is known). */
export function totalOf(daily: readonly { day: string; values: Counts }[], offered: readonly MetricKey[]): Counts {
  return Object.fromEntries(
    offered.map((m) => {
      const known = daily.map((d) => d.values[m]).filter((v): v is number => v !== null && v !== undefined);
      return [m, known.length === 0 ? null : known.reduce((a, b) => a + b, 0)];
    }),
  );
}

/** The first day anything was collected for the account (its backfill day). */
export async function firstDayOf(db: MetricsDb, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom("metric_snapshots")
    .select((eb) => eb.fn.min("day").as("day"))
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.day ? String(row.day) : null;
}

export async function gapsOf(db: MetricsDb, where: { accountId?: string; variantId?: string }, from: string, to: string) {
  let q = db
    .selectFrom("metric_gaps as g")
    .leftJoin("post_variants as v", "v.id", "g.variant_id")
    .leftJoin("posts as p", "p.id", "v.post_id")
    .select(["g.metric", "g.variant_id", "g.reason", "g.captured_at", "v.post_id", "v.text as variant_text", "p.text as post_text"])
    .where("g.captured_at", ">=", `${from}T00:00:00.000Z`)
    .where("g.captured_at", "<", `${addDays(to, 1)}T00:00:00.000Z`)
    .orderBy("g.captured_at", "desc")
    .limit(200);
  if (where.accountId) q = q.where("g.account_id", "=", where.accountId);
  if (where.variantId) q = q.where("g.variant_id", "=", where.variantId);
  const rows = await q.execute();
  return rows.map((g) => ({
    metric: g.metric as MetricKey,
    postId: g.post_id ?? null,
    variantId: g.variant_id,
    postText: g.variant_id ? excerpt(g.variant_text || g.post_text, 80) : null,
    reason: g.reason,
    since: g.captured_at,
  }));
}

/**
 * Days on which a metric is incomplete: from the day a gap began until the series had a snapshot again
 * (or the range's end). Its figures on those days are what the other posts grew, not the whole.
 */
export async function incompleteDays(
  db: MetricsDb,
  accountId: string,
  gaps: readonly { metric: string; variantId: string | null; since: string }[],
  to: string,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (gaps.length === 0) return out;
  const earliest = gaps.reduce((min, g) => (g.since < min ? g.since : min), gaps[0]?.since ?? "");
  const later = await db
    .selectFrom("metric_snapshots")
    .select(["variant_id", "metric", "captured_at"])
    .where("account_id", "=", accountId)
    .where("captured_at", ">", earliest)
    .where("metric", "in", [...new Set(gaps.map((g) => g.metric))])
    .orderBy("captured_at")
    .execute();
  for (const g of gaps) {
    const next = later.find((s) => s.metric === g.metric && s.variant_id === g.variantId && s.captured_at > g.since);
    const last = next ? addDays(next.captured_at.slice(0, 10), -1) : to;
    const days = out.get(g.metric) ?? new Set<string>();
    for (let d = g.since.slice(0, 10); d <= last && d <= to; d = addDays(d, 1)) days.add(d);
    out.set(g.metric, days);
  }
  return out;
}

export const isPostMetric = (m: string): m is MetricKey => (POST_METRICS as readonly string[]).includes(m);
