import { sql } from "kysely";
import type { Logger } from "pino";
import type { ClientCache } from "../../connections/clientCache.js";
import { accountsWithStamp } from "../../connections/withClient.js";
import type { Database } from "../../db/database.js";
import type { Services } from "../../services.js";
import { whereNotPaused } from "../pause/heldByPause.js";
import { type ClaimedVariant, claimDueVariants, renewLeases, toClaimed, variantsByPostTime, variantsToSend } from "./claim.js";
import { NetworkClock } from "./networkClock.js";
import { type Publisher, publishChannel, publishVariant, settleUnknown, startAttempts, type VariantOutcome } from "./publish.js";

/** Variants claimed per pass; a pass that fills it is followed at once by another. */
export const BATCH = 500;
/** Channels sent to at the same time (each keeps its own posts in order); below the PostgreSQL pool size. */
export const CHANNEL_CONCURRENCY = 8;

/**
 * Claims whose lease ran out belong to a worker that crashed. If it had started an attempt, the
 * post may have gone out: that attempt is settled as an unknown outcome, never simply resent.
 */
async function recoverExpiredLeases(p: Publisher, now: Date, held: string[]): Promise<VariantOutcome[]> {
  const { db } = p.services;
  const expired = await variantsToSend(db)
    .where("post_variants.status", "=", "publishing")
    .where("post_variants.lease_expires_at", "<", now.toISOString())
    .execute();
  const outcomes: VariantOutcome[] = [];
  for (const row of expired) {
    // Take the claim over; another worker recovering at the same moment gets nothing.
    const taken = await db
      .updateTable("post_variants")
      // The lease runs from this moment, not from the pass's start: recovering the rows before this one
      // (a network lookup each) may have taken longer than a whole lease.
      .set({
        lease_owner: p.worker,
        lease_expires_at: new Date(Math.max(now.getTime(), Date.now()) + p.services.config.publishLeaseMs).toISOString(),
      })
      .where("id", "=", row.id)
      .where("status", "=", "publishing")
      .where("lease_expires_at", "=", row.lease_expires_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1 || !row.account_id) continue;
    held.push(row.id);
    const variant = toClaimed(row);
    const attempt = await db
      .selectFrom("publish_attempts")
      .select(["id", "started_at", "outcome", "remote_id", "remote_url"])
      .where("variant_id", "=", row.id)
      .orderBy("started_at", "desc")
      .executeTakeFirst();
    if (attempt?.outcome === "success") {
      // Its worker recorded the success but lost the claim before settling the variant: adopt it.
      await db
        .updateTable("post_variants")
        .set({
          status: "published",
          lease_owner: null,
          lease_expires_at: null,
          published_at: new Date().toISOString(),
          last_error: null,
          remote_id: attempt.remote_id,
          remote_url: attempt.remote_url,
        })
        .where("id", "=", row.id)
        .where("lease_owner", "=", p.worker)
        .execute();
      outcomes.push("published");
    } else if (attempt?.outcome === "pending") outcomes.push(await settleUnknown(p, variant, attempt));
    else if (!attempt) {
      // Claimed (ahead of its moment, perhaps) but never tried: it waits again, and this pass's own
      // rules decide (a pause holds it, the missed window marks it, otherwise it is claimed anew).
      await unclaim(db, p.worker, [variant]);
      continue;
    } else outcomes.push(await publishVariant(p, variant));
    await rollUpPosts(db, [row.post_id]);
  }
  return outcomes;
}

/**
 * Variants that never got their chance (the server was down) and are now too late are marked
 * `missed` instead of going out late. Variants already tried and waiting on a network keep waiting.
 */
async function markMissed(db: Database, now: Date, missedAfterMs: number): Promise<number> {
  const cutoff = new Date(now.getTime() - missedAfterMs).toISOString();
  const late = await variantsByPostTime(db)
    .select(["post_variants.id", "post_variants.post_id"])
    .where("posts.status", "in", ["scheduled", "publishing"])
    .where("posts.scheduled_at", "<", cutoff)
    .where("post_variants.status", "=", "pending")
    .$call(whereNotPaused)
    .execute();
  if (late.length === 0) return 0;
  await db
    .updateTable("post_variants")
    .set({ status: "missed", last_error: `Not sent within ${Math.round(missedAfterMs / 60_000)} minutes of its time.` })
    .where(
      "id",
      "in",
      late.map((v) => v.id),
    )
    .where("status", "=", "pending")
    .execute();
  await rollUpPosts(
    db,
    late.map((v) => v.post_id),
  );
  return late.length;
}

/** A post's status from its variants': published when all went out, otherwise what needs attention. */
function postStatusOf(statuses: Set<string>) {
  return ["pending", "publishing", "retrying"].some((s) => statuses.has(s))
    ? "publishing"
    : statuses.has("needs_review")
      ? "needs_review"
      : statuses.has("failed") || statuses.has("channel_lost")
        ? "failed"
        : statuses.has("missed")
          ? "missed"
          : "published";
}

/**
 * A worker killed after settling its variants but before rolling their post up leaves the post
 * `scheduled` or `publishing` with nothing left to send: roll such posts up.
 */
async function rollUpSettled(db: Database, now: Date): Promise<void> {
  const settled = await db
    .selectFrom("posts")
    .select("posts.id")
    .where("posts.status", "in", ["scheduled", "publishing"])
    .where("posts.scheduled_at", "<=", now.toISOString())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("post_variants")
            .select("post_variants.id")
            .whereRef("post_variants.post_id", "=", "posts.id")
            .where("post_variants.status", "in", ["pending", "publishing", "retrying"]),
        ),
      ),
    )
    .limit(500)
    .execute();
  await rollUpPosts(
    db,
    settled.map((p) => p.id),
  );
}

/** Rolls posts up from their variants: one read, and one UPDATE per resulting status. */
export async function rollUpPosts(db: Database, postIds: readonly string[]): Promise<void> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return;
  const variants = await db.selectFrom("post_variants").select(["post_id", "status"]).where("post_id", "in", ids).execute();
  const byPost = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const v of variants) byPost.get(v.post_id)?.add(v.status);
  const byStatus = new Map<string, string[]>();
  for (const [postId, statuses] of byPost) {
    const status = postStatusOf(statuses);
    byStatus.set(status, [...(byStatus.get(status) ?? []), postId]);
  }
  const now = new Date().toISOString();
  for (const [status, posts] of byStatus)
    await db
      .updateTable("posts")
      .set({ status, updated_at: now })
      .where("id", "in", posts)
      .where("status", "in", ["scheduled", "publishing"])
      // Unchanged posts are left alone (no needless write, and `updated_at` keeps meaning something).
      .where("status", "!=", status)
      .execute();
}

/** A post's status follows its variants. */
export const rollUpPost = (db: Database, postId: string) => rollUpPosts(db, [postId]);

/** Runs `work` on every item with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export interface PassOptions {
  now?: Date;
  /** Variants claimed at most (default BATCH). */
  batch?: number;
  /**
   * Also claim what falls due this many milliseconds from now, and send each at its moment (default 0).
   * When posts fall due a few milliseconds apart, one pass then takes many of them instead of paying a
   * pass (claim, roll-up, finding the next due time) for each.
   */
  lookaheadMs?: number;
  /** Where a failure to renew the pass's claims is reported. */
  log?: Pick<Logger, "warn">;
  /**
   * Also mark what is too late and recover expired claims (default). Both work on a scale of minutes,
   * so a loop going round many times a second does them once a second, not on every pass.
   */
  housekeeping?: boolean;
  /** Channels' clients kept across passes (the loop's); none by default. */
  clients?: ClientCache;
}

export interface PassResult {
  outcomes: VariantOutcome[];
  /** Variants this pass claimed (recovered ones not counted). */
  claimed: number;
  /** The pass claimed as many as it could take: more may be due right now. */
  full: boolean;
  /** The moment the pass claimed for: what was due then and not claimed is held (a pause) or another worker's. */
  at: Date;
  /**
   * The engine's own time in milliseconds: the pass's, with each channel's sending counted in full
   * (channels run side by side), less the time spent in network calls and waiting for posts' moments.
   */
  engineMs: number;
  /** Milliseconds the pass spent waiting for claimed posts' moments. */
  waitedMs: number;
}

/** Pauses are looked for from a little before the pass began: the clocks of several servers differ slightly. */
const PAUSE_CLOCK_SLACK_MS = 1000;

/** Whether a pause was made since `since` and is still in force. */
async function pausedSince(db: Database, since: Date): Promise<boolean> {
  const pause = await db
    .selectFrom("publish_pauses")
    .select("id")
    .where("resumed_at", "is", null)
    .where("paused_at", ">=", since.toISOString())
    .limit(1)
    .executeTakeFirst();
  return pause !== undefined;
}

/** Gives back claims not yet sent (no attempt started): they wait again, for the next pass to judge. */
async function unclaim(db: Database, worker: string, variants: readonly ClaimedVariant[]): Promise<void> {
  if (variants.length === 0) return;
  await db
    .updateTable("post_variants")
    .set({
      status: sql`case when ${sql.ref("next_attempt_at")} is null then 'pending' else 'retrying' end`,
      lease_owner: null,
      lease_expires_at: null,
    })
    .where(
      "id",
      "in",
      variants.map((v) => v.id),
    )
    .where("status", "=", "publishing")
    .where("lease_owner", "=", worker)
    .execute();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits variants (in time order) into the first that are due by `at`, and the rest. */
function dueBy(variants: readonly ClaimedVariant[], at: number): [ClaimedVariant[], ClaimedVariant[]] {
  const split = variants.findIndex((v) => v.dueAt !== undefined && Date.parse(v.dueAt) > at);
  return split === -1 ? [[...variants], []] : [variants.slice(0, split), variants.slice(split)];
}

/**
 * One pass of the publish engine: mark what is too late, recover crashed claims, then claim a batch of
 * what is due (or falls due within the lookahead), and send it as it falls due: each time, record an
 * attempt for everything now due (one INSERT, just before the networks are called) and send it,
 * channels side by side, each channel's posts in order.
 */
export async function publishPass(services: Services, worker: string, options: PassOptions = {}): Promise<PassResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  // The pass's clock: `now` moving on with real time (tests pass a `now` of their own).
  const passNow = () => now.getTime() + (performance.now() - started);
  const batch = options.batch ?? BATCH;
  const clock = new NetworkClock();
  const p: Publisher = { services, worker, clock, ...(options.clients ? { clients: options.clients } : {}) };
  const { db } = services;
  const outcomes: VariantOutcome[] = [];
  // The claims this pass holds, renewed every third of the lease until the pass ends (see renewLeases).
  const held: string[] = [];
  const leaseMs = services.config.publishLeaseMs;
  const renewing = setInterval(
    () => {
      renewLeases(db, worker, held, leaseMs).catch((err: unknown) => options.log?.warn({ err }, "could not renew publish leases"));
    },
    Math.max(100, leaseMs / 3),
  );
  try {
    if (options.housekeeping ?? true) {
      // Recovery first: a claim given back then meets the missed window like any waiting variant.
      outcomes.push(...(await recoverExpiredLeases(p, now, held)));
      await markMissed(db, now, services.config.publishMissedAfterMs);
      await rollUpSettled(db, now);
    }
    const at = new Date(now.getTime() + (options.lookaheadMs ?? 0));
    const claimed = await claimDueVariants(db, worker, at, batch, { leaseMs, capabilities: services.capabilities });
    held.push(...claimed.map((v) => v.id));
    claimed.sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""));
    let channelMs = 0;
    let sendingMs = 0;
    let waitedMs = 0;
    let givenBack: ClaimedVariant[] = [];
    for (let rest = claimed, first = true; rest.length > 0; first = false) {
      // After the first group (the claim itself left out what was paused), a pause made meanwhile holds
      // what the pass has not sent yet: those claims are given back.
      if (!first && (await pausedSince(db, new Date(now.getTime() - PAUSE_CLOCK_SLACK_MS)))) {
        await unclaim(db, worker, rest);
        givenBack = rest;
        break;
      }
      const [due, later] = dueBy(rest, passNow());
      if (due.length === 0) {
        const waitStarted = performance.now();
        await sleep(Date.parse(later[0]?.dueAt ?? "") - passNow());
        waitedMs += performance.now() - waitStarted;
        continue;
      }
      rest = later;
      const attempts = await startAttempts(db, worker, due);
      const sendingStarted = performance.now();
      const channels = new Map<string, { variant: ClaimedVariant; attempt: { id: string; started_at: string } }[]>();
      for (const [i, variant] of due.entries()) {
        const attempt = attempts[i];
        if (!attempt) continue;
        channels.set(variant.accountId, [...(channels.get(variant.accountId) ?? []), { variant, attempt }]);
      }
      // The group's accounts in one read, not one per channel (each says whether its kept client is still good).
      const accounts = new Map((await accountsWithStamp(db, [...channels.keys()])).map((a) => [a.id, a]));
      await eachLimited([...channels.entries()], CHANNEL_CONCURRENCY, async ([accountId, sends]) => {
        const channelStarted = performance.now();
        outcomes.push(...(await publishChannel(p, sends, accounts.get(accountId))));
        channelMs += performance.now() - channelStarted;
      });
      sendingMs += performance.now() - sendingStarted;
    }
    // Posts of claims given back are left as they were: nothing of theirs changed.
    await rollUpPosts(
      db,
      claimed.filter((v) => !givenBack.includes(v)).map((v) => v.postId),
    );
    const passMs = performance.now() - started;
    return {
      outcomes,
      claimed: claimed.length,
      full: claimed.length >= batch,
      at,
      engineMs: passMs - sendingMs - waitedMs + channelMs - clock.callMs,
      waitedMs,
    };
  } finally {
    clearInterval(renewing);
  }
}

/** One pass of the publish engine; the outcome of each variant it handled. */
export async function runDuePublishing(services: Services, worker: string, now = new Date()): Promise<VariantOutcome[]> {
  return (await publishPass(services, worker, { now })).outcomes;
}
