import type { MetricName, MetricsReport, MetricsSupport } from "../../../connectors/types.js";
import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import { withClient } from "../../connections/withClient.js";
import type { Services } from "../../services.js";
import { type GapInput, recordGaps, type SeriesReading, storeReadings } from "./storeReadings.js";
import { coreOf, type MetricsDb, metricsDb } from "./tables.js";

const DAY_MS = 86_400_000;
/** Posts asked about in one readMetrics call. */
export const BATCH_SIZE = 100;
/** After the backfill, posts are followed this long at most when the network sets no window of its own. */
export const FOLLOW_DAYS = 90;
/** A failing channel waits 15, 30, 60 … minutes, at most its interval or six hours (whichever is longer). */
const FIRST_BACKOFF_MS = 15 * 60_000;
const MIN_MAX_BACKOFF_MS = 6 * 3_600_000;

export interface CollectResult {
  synced: number;
  failed: number;
  snapshots: number;
  gaps: number;
}

/**
 * The oldest publication asked about: on the first sync (the backfill on connect) `backfillDays` back; later,
 * `FOLLOW_DAYS` back but never before where the backfill started, so older posts are not picked up later.
 * Never beyond the network's own window (`postWindowDays`).
 */
export function postsSince(support: MetricsSupport, backfilledAt: string | null, now: Date): Date {
  const network = now.getTime() - (support.postWindowDays ?? Number.POSITIVE_INFINITY) * DAY_MS;
  const ours =
    backfilledAt === null
      ? now.getTime() - support.backfillDays * DAY_MS
      : Math.max(now.getTime() - FOLLOW_DAYS * DAY_MS, Date.parse(backfilledAt) - support.backfillDays * DAY_MS);
  return new Date(Math.max(network, ours));
}

export const backoffMs = (support: MetricsSupport, failures: number) =>
  Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1), Math.max(support.intervalMinutes * 60_000, MIN_MAX_BACKOFF_MS));

interface Variant {
  id: string;
  post_id: string;
  remote_id: string;
  published_at: string;
}

async function publishedVariants(db: MetricsDb, accountId: string, since: Date, now: Date): Promise<Variant[]> {
  const rows = await db
    .selectFrom("post_variants")
    .select(["id", "post_id", "remote_id", "published_at"])
    .where("account_id", "=", accountId)
    .where("status", "=", "published")
    .where("remote_id", "is not", null)
    .where("published_at", ">=", since.toISOString())
    .where("published_at", "<=", now.toISOString())
    .orderBy("published_at", "desc")
    .execute();
  return rows.filter((r): r is Variant => r.remote_id !== null && r.published_at !== null);
}

/** What one report says, as series readings and gaps (only metrics the network offers are kept). */
function readingsOf(support: MetricsSupport, report: MetricsReport, variants: readonly Variant[], withAccount: boolean) {
  const readings: SeriesReading[] = [];
  const gaps: GapInput[] = [];
  const offeredPost = new Set<MetricName>(support.post);
  if (withAccount) {
    const offered = new Set<MetricName>(support.account);
    const got = new Set<MetricName>();
    for (const r of report.account) {
      if (!offered.has(r.metric) || !Number.isFinite(r.value)) continue;
      got.add(r.metric);
      readings.push({ variantId: null, postId: null, metric: r.metric, value: Math.round(r.value) });
    }
    const missing = new Set<MetricName>([...(report.missingAccount ?? []), ...support.account.filter((m) => !got.has(m))]);
    for (const metric of missing)
      if (offered.has(metric) && !got.has(metric)) gaps.push({ variantId: null, metric, reason: "not_returned" });
  }
  const byRemote = new Map(variants.map((v) => [v.remote_id, v]));
  const answered = new Set<string>();
  for (const post of report.posts) {
    const variant = byRemote.get(post.remoteId);
    if (!variant) continue;
    answered.add(variant.id);
    const got = new Set<MetricName>();
    for (const r of post.readings) {
      if (!offeredPost.has(r.metric) || !Number.isFinite(r.value)) continue;
      got.add(r.metric);
      readings.push({ variantId: variant.id, postId: variant.post_id, metric: r.metric, value: Math.round(r.value) });
    }
    for (const metric of support.post) {
      if (!got.has(metric)) gaps.push({ variantId: variant.id, metric, reason: "not_returned" });
    }
  }
  // A post the network left out of its answer altogether (deleted, or beyond what it would say).
  for (const v of variants) {
    if (answered.has(v.id)) continue;
    for (const metric of support.post) gaps.push({ variantId: v.id, metric, reason: "post_not_returned" });
  }
  return { readings, gaps };
}

/** One account's run: reads its totals and posts in batches, stores snapshots and gaps, and sets its next turn. */
async function syncAccount(
  services: Services,
  account: { id: string; network: string; handle: string },
  support: MetricsSupport,
  state: { backfilled_at: string | null; failures: number },
  now: Date,
): Promise<{ snapshots: number; gaps: number }> {
  const db = metricsDb(services.db);
  const firstSync = state.backfilled_at === null;
  const since = postsSince(support, state.backfilled_at, now);
  const variants = await publishedVariants(db, account.id, since, now);
  const capturedAt = now.toISOString();
  const ctx = { accountId: account.id, network: account.network, capturedAt };
  // Read everything first: a failure part-way stores nothing, and the next run asks again.
  const results: { readings: SeriesReading[]; gaps: GapInput[] }[] = [];
  const batches = Math.max(1, Math.ceil(variants.length / BATCH_SIZE));
  for (let i = 0; i < batches; i++) {
    const batch = variants.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE);
    const report = await withClient(services, account.id, async (client) => {
      if (!client.readMetrics) throw new Error("This connector cannot read metrics yet.");
      return client.readMetrics({ posts: batch.map((v) => ({ remoteId: v.remote_id, publishedAt: new Date(v.published_at) })) });
    });
    results.push(readingsOf(support, report, batch, i === 0));
  }
  return db.transaction().execute(async (trx) => {
    let snapshots = 0;
    let gaps = 0;
    for (const r of results) {
      snapshots += await storeReadings(trx, ctx, r.readings);
      gaps += await recordGaps(trx, ctx, r.gaps);
    }
    await trx
      .updateTable("metric_sync_state")
      .set({
        last_synced_at: capturedAt,
        next_sync_at: new Date(now.getTime() + support.intervalMinutes * 60_000).toISOString(),
        failures: 0,
        last_error: null,
        ...(firstSync ? { backfilled_at: capturedAt } : {}),
      })
      .where("account_id", "=", account.id)
      .execute();
    if (firstSync) {
      // The one sync outcome a person cares about: the channel's history is in. Later runs are routine.
      await recordAudit(coreOf(trx), systemActor("metrics"), {
        action: "analytics.metrics_backfilled",
        targetType: "account",
        targetId: account.id,
        summary: `Collected ${account.network} metrics for ${account.handle}: ${variants.length} posts from the last ${Math.round((now.getTime() - since.getTime()) / DAY_MS)} days`,
        changes: { posts: variants.length, snapshots, gaps },
      });
    }
    return { snapshots, gaps };
  });
}

/**
 * Collects network metrics for every connected account whose network offers them and whose turn has
 * come (each network on its own interval). A failing account backs off on its own, with the reason kept
 * for its sync status; the others carry on.
 */
export async function collectNetworkMetrics(services: Services, now = new Date()): Promise<CollectResult> {
  const db = metricsDb(services.db);
  const result: CollectResult = { synced: 0, failed: 0, snapshots: 0, gaps: 0 };
  const accounts = await db
    .selectFrom("accounts")
    .select(["id", "network", "handle"])
    .where("connection_status", "=", "connected")
    .execute();
  const wanted = accounts.flatMap((a) => {
    const support = services.connectors.get(a.network)?.metrics;
    return support ? [{ account: a, support }] : [];
  });
  if (wanted.length === 0) return result;
  const at = now.toISOString();
  await db
    .insertInto("metric_sync_state")
    .values(wanted.map((w) => ({ account_id: w.account.id, next_sync_at: at, failures: 0 })))
    .onConflict((oc) => oc.column("account_id").doNothing())
    .execute();
  const due = await db
    .selectFrom("metric_sync_state")
    .select(["account_id", "backfilled_at", "failures"])
    .where(
      "account_id",
      "in",
      wanted.map((w) => w.account.id),
    )
    .where("next_sync_at", "<=", at)
    .orderBy("next_sync_at")
    .execute();
  for (const state of due) {
    const match = wanted.find((w) => w.account.id === state.account_id);
    if (!match) continue;
    try {
      const stored = await syncAccount(services, match.account, match.support, state, now);
      result.synced++;
      result.snapshots += stored.snapshots;
      result.gaps += stored.gaps;
    } catch (error) {
      result.failed++;
      const failures = state.failures + 1;
      await db
        .updateTable("metric_sync_state")
        .set({
          failures,
          // Connector errors say what the network answered; they never carry credentials.
          last_error: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
          next_sync_at: new Date(now.getTime() + backoffMs(match.support, failures)).toISOString(),
        })
        .where("account_id", "=", state.account_id)
        .execute();
    }
  }
  return result;
}
