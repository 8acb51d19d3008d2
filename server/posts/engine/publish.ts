import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { isConnectorError } from "../../../connectors/errors.js";
import { publishThread } from "../../../connectors/thread.js";
import type { ConnectorClient, Published } from "../../../connectors/types.js";
import type { ClientCache } from "../../connections/clientCache.js";
import { type AccountWithStamp, withClient } from "../../connections/withClient.js";
import type { Database } from "../../db/database.js";
import { mediaForPublishing } from "../../media/postMedia.js";
import { mediaStorageOf } from "../../media/storage.js";
import type { Services } from "../../services.js";
import type { ClaimedVariant } from "./claim.js";
import type { NetworkClock } from "./networkClock.js";
import { outgoingTexts } from "./trackedLinks.js";

/** Retries of a network that is down or throttling: 1, 2, 4 … minutes, at most this many tries. */
const MAX_ATTEMPTS = 6;
const BACKOFF_MS = 60_000;

/**
 * What became of a variant. `released`: another worker had settled its attempt meanwhile, so this one
 * gave its claim up at once; the next recovery reads where things stand and carries on from there.
 */
export type VariantOutcome = "published" | "failed" | "retrying" | "needs_review" | "released";

/** Who is publishing: the worker's name (lease owner) and, optionally, a clock for time spent on networks. */
export interface Publisher {
  services: Services;
  worker: string;
  clock?: NetworkClock;
  /** Channels' clients kept across passes (the loop's), so a pass does not read the vault per channel. */
  clients?: ClientCache;
}

const clientOptions = (p: Publisher) => (p.clients ? { cache: p.clients } : {});

interface Attempt {
  id: string;
  started_at: string;
}

type AttemptFields = { error_kind?: string; message?: string; remote_id?: string; remote_url?: string | null };
type VariantFields = { remote_id?: string; remote_url?: string | null; last_error?: string | null; next_attempt_at?: string | null };

const messageOf = (error: unknown) => (error instanceof Error ? error.message.slice(0, 500) : "unknown error");

/**
 * Records an attempt's outcome and the variant's new state together: a crash between the two would
 * otherwise leave a sent post looking unsent to the worker that recovers it. The variant is only
 * changed while this worker still holds its claim.
 */
async function settle(
  db: Database,
  worker: string,
  attemptId: string,
  outcome: string,
  attemptFields: AttemptFields,
  variantId: string,
  status: VariantOutcome,
  variantFields: VariantFields = {},
) {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("publish_attempts")
      .set({ outcome, finished_at: now, ...attemptFields })
      .where("id", "=", attemptId)
      .execute();
    await trx
      .updateTable("post_variants")
      .set({
        status,
        lease_owner: null,
        lease_expires_at: null,
        ...(status === "published" ? { published_at: now, last_error: null } : {}),
        ...variantFields,
      })
      .where("id", "=", variantId)
      .where("lease_owner", "=", worker)
      .execute();
  });
}

/** Gives a claim up now: the variant is left as it is, for the next lease recovery to settle. */
async function release(db: Database, worker: string, variantId: string) {
  await db
    .updateTable("post_variants")
    .set({ lease_expires_at: new Date(0).toISOString() })
    .where("id", "=", variantId)
    .where("status", "=", "publishing")
    .where("lease_owner", "=", worker)
    .execute();
  return "released" as const;
}

/**
 * Records a success: the attempt first, then the variant, without a transaction (two round trips, not
 * four). A crash between the two leaves the variant claimed with a successful attempt, which the
 * worker that recovers the claim adopts instead of sending (runDue.ts). Failures keep `settle`'s
 * transaction: an attempt closed as unknown beside a variant still claimed would be sent again.
 */
async function succeed(db: Database, worker: string, variantId: string, attemptId: string, published: Published) {
  const remote = { remote_id: published.remoteId, remote_url: published.url };
  const now = new Date().toISOString();
  await db
    .updateTable("publish_attempts")
    .set({ outcome: "success", finished_at: now, ...remote })
    .where("id", "=", attemptId)
    .execute();
  await db
    .updateTable("post_variants")
    .set({ status: "published", lease_owner: null, lease_expires_at: null, published_at: now, last_error: null, ...remote })
    .where("id", "=", variantId)
    .where("lease_owner", "=", worker)
    .execute();
  return "published" as const;
}

/** `CASE id WHEN … THEN … END`: one statement sets a different value on each row. */
const byId = (rows: { id: string; value: string | null }[]) =>
  sql<string | null>`case ${sql.ref("id")} ${sql.join(
    rows.map((r) => sql`when ${r.id} then ${r.value}`),
    sql` `,
  )} end`;

type Success = { variant: ClaimedVariant; attempt: Attempt; published: Published };

/**
 * Records many successes: attempts first, then variants, as `succeed` does, in two statements instead
 * of two per variant; on a database that can update inside WITH, in one statement (both or neither).
 */
async function succeedAll(p: Publisher, done: Success[]) {
  const { db, capabilities } = p.services;
  const first = done[0];
  if (!first) return;
  if (done.length === 1 && !capabilities.updatesInWith) {
    await succeed(db, p.worker, first.variant.id, first.attempt.id, first.published);
    return;
  }
  const now = new Date().toISOString();
  const attempts = (pick: (d: Success) => string | null) => done.map((d) => ({ id: d.attempt.id, value: pick(d) }));
  const variants = (pick: (d: Success) => string | null) => done.map((d) => ({ id: d.variant.id, value: pick(d) }));
  const closeAttempts = (q: Pick<Database, "updateTable">) =>
    q
      .updateTable("publish_attempts")
      .set({
        outcome: "success",
        finished_at: now,
        remote_id: byId(attempts((d) => d.published.remoteId)),
        remote_url: byId(attempts((d) => d.published.url)),
      })
      .where(
        "id",
        "in",
        done.map((d) => d.attempt.id),
      );
  const publishVariants = (q: Pick<Database, "updateTable">) =>
    q
      .updateTable("post_variants")
      .set({
        status: "published",
        lease_owner: null,
        lease_expires_at: null,
        published_at: now,
        last_error: null,
        remote_id: byId(variants((d) => d.published.remoteId)),
        remote_url: byId(variants((d) => d.published.url)),
      })
      .where(
        "id",
        "in",
        done.map((d) => d.variant.id),
      )
      .where("lease_owner", "=", p.worker);
  if (capabilities.updatesInWith) {
    await publishVariants(db.with("closed_attempts", (q) => closeAttempts(q).returning("id"))).execute();
    return;
  }
  await closeAttempts(db).execute();
  await publishVariants(db).execute();
}

const timed = <T>(p: Publisher, call: () => Promise<T>) => (p.clock ? p.clock.time(call) : call());

/** The client with its network calls timed (only those: reading credentials or media is the engine's own work). */
const timedClient = (p: Publisher, client: ConnectorClient): ConnectorClient => {
  if (!p.clock) return client;
  const timedOne: ConnectorClient = Object.create(client);
  timedOne.publish = (post, options) => timed(p, () => client.publish(post, options));
  const find = client.findPublished;
  if (find) timedOne.findPublished = (post, options) => timed(p, () => find.call(client, post, options));
  return timedOne;
};

/** Sends a variant (and its thread parts) through a client; the attempt's id is the idempotency key. */
const sendWith = async (p: Publisher, client: ConnectorClient, variant: ClaimedVariant, key: string) => {
  const { services } = p;
  // The post's images go with the first part, their bytes read from the media storage.
  const media =
    variant.hasMedia === false
      ? []
      : await mediaForPublishing(services.db, mediaStorageOf(services.config), variant, services.config.baseUrl);
  const texts = await outgoingTexts(services, variant);
  const parts = texts.map((text, index) => (index === 0 && media.length > 0 ? { text, media } : { text }));
  const done = await publishThread(timedClient(p, client), parts, (index) => (index === 0 ? key : `${key}-${index}`));
  return done[0] as Published;
};

const send = (p: Publisher, variant: ClaimedVariant, key: string) =>
  withClient(p.services, variant.accountId, (client) => sendWith(p, client, variant, key), clientOptions(p));

/**
 * After an attempt whose outcome is unknown (a timeout after sending, or a crash): never resend
 * blindly. A network that deduplicates by key gets the same key again; one that can be searched is
 * asked whether the post is there, and only a confirmed absence is resent; otherwise a person decides.
 */
export async function settleUnknown(
  p: Publisher,
  variant: ClaimedVariant,
  attempt: Attempt,
  /** What went wrong, when known (not after a crash): kept on the attempt for whoever investigates. */
  cause?: unknown,
): Promise<VariantOutcome> {
  const { services, worker } = p;
  const { db } = services;
  const connector = services.connectors.get(variant.network);
  const review = async (why: string) => {
    const message = cause === undefined ? why : `${why} (${messageOf(cause)})`.slice(0, 1000);
    await settle(db, worker, attempt.id, "unknown", { error_kind: "unknown_outcome", message }, variant.id, "needs_review", {
      last_error: why,
    });
    return "needs_review" as const;
  };
  if (!connector || variant.threadParts.length > 0)
    return review("Switchboard cannot tell whether this post went out: check the channel, then publish again or mark it done.");
  if (connector.reconciliation.kind === "idempotency-key") {
    try {
      return await succeed(db, worker, variant.id, attempt.id, await send(p, variant, attempt.id));
    } catch (error) {
      return review(`Sending again with the same key failed too: ${messageOf(error)}`);
    }
  }
  if (connector.reconciliation.kind === "lookup") {
    try {
      // What was sent: the text with its links as the network got them.
      const [sentText = variant.text] = await outgoingTexts(services, variant);
      const found = await withClient(
        services,
        variant.accountId,
        (client) => {
          const timedOne = timedClient(p, client);
          return timedOne.findPublished
            ? timedOne.findPublished({ text: sentText }, { since: new Date(Date.parse(attempt.started_at) - 60_000) })
            : Promise.resolve(undefined);
        },
        clientOptions(p),
      );
      if (found) return await succeed(db, worker, variant.id, attempt.id, found);
      if (found === null) {
        // Only the worker that moves the attempt out of `pending` may send again: if another got there
        // first (this worker lost its claim while stalled), sending would make a second copy.
        const closed = await db
          .updateTable("publish_attempts")
          .set({
            outcome: "unknown",
            finished_at: new Date().toISOString(),
            error_kind: "unknown_outcome",
            message: "Not found on the network: sent again.",
          })
          .where("id", "=", attempt.id)
          .where("outcome", "=", "pending")
          .executeTakeFirst();
        if (Number(closed.numUpdatedRows) !== 1) return release(db, worker, variant.id);
        return publishVariant(p, variant);
      }
    } catch (error) {
      return review(`Could not check the network: ${messageOf(error)}`);
    }
  }
  return review("This network cannot be asked whether the post went out: check the channel, then publish again or mark it done.");
}

/** What a failed send means: refused for good, worth retrying later, or unknown (maybe sent). */
async function settleFailure(p: Publisher, variant: ClaimedVariant, attempt: Attempt, error: unknown): Promise<VariantOutcome> {
  const { db } = p.services;
  if (isConnectorError(error, "rejected") || isConnectorError(error, "auth_expired")) {
    await settle(db, p.worker, attempt.id, "rejected", { error_kind: error.kind, message: error.message }, variant.id, "failed", {
      last_error: error.message,
    });
    return "failed";
  }
  if (isConnectorError(error, "rate_limited") || isConnectorError(error, "unavailable")) {
    const tries = await db
      .selectFrom("publish_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("variant_id", "=", variant.id)
      .executeTakeFirstOrThrow();
    const attemptFields = { error_kind: error.kind, message: error.message };
    if (Number(tries.n) >= MAX_ATTEMPTS) {
      await settle(db, p.worker, attempt.id, "retryable", attemptFields, variant.id, "failed", {
        last_error: `Gave up after ${tries.n} tries: ${error.message}`,
      });
      return "failed";
    }
    const backoff = new Date(Date.now() + BACKOFF_MS * 2 ** (Number(tries.n) - 1));
    const next = error.resetAt && error.resetAt > backoff ? error.resetAt : backoff;
    await settle(db, p.worker, attempt.id, "retryable", attemptFields, variant.id, "retrying", {
      last_error: error.message,
      next_attempt_at: next.toISOString(),
    });
    return "retrying";
  }
  return settleUnknown(p, variant, attempt, error);
}

/** Attempt rows for variants about to be sent, in one INSERT, written before any network is called. */
export async function startAttempts(db: Database, worker: string, variants: readonly ClaimedVariant[]): Promise<Attempt[]> {
  const started_at = new Date().toISOString();
  const attempts = variants.map(() => ({ id: randomUUID(), started_at }));
  if (variants.length > 0)
    await db
      .insertInto("publish_attempts")
      .values(variants.map((v, i) => ({ ...(attempts[i] as Attempt), variant_id: v.id, worker, outcome: "pending" })))
      .execute();
  return attempts;
}

/** One attempt at sending a claimed variant, recorded before the network is called. */
export async function publishVariant(p: Publisher, variant: ClaimedVariant): Promise<VariantOutcome> {
  const [attempt] = await startAttempts(p.services.db, p.worker, [variant]);
  if (!attempt) throw new Error("no attempt started");
  try {
    return await succeed(p.services.db, p.worker, variant.id, attempt.id, await send(p, variant, attempt.id));
  } catch (error) {
    return settleFailure(p, variant, attempt, error);
  }
}

/**
 * Sends one channel's claimed variants in order through one client (the credentials are read once),
 * each under the attempt already recorded for it. Successes are recorded together at the end; a
 * failure is settled on its own, and the channel's health records the last failure, as `withClient`
 * does for one call.
 */
export async function publishChannel(
  p: Publisher,
  batch: readonly { variant: ClaimedVariant; attempt: Attempt }[],
  account?: AccountWithStamp,
): Promise<VariantOutcome[]> {
  const first = batch[0];
  if (!first) return [];
  const outcomes: VariantOutcome[] = [];
  const done: { variant: ClaimedVariant; attempt: Attempt; published: Published }[] = [];
  let next = 0;
  let sentAll = false;
  try {
    await withClient(
      p.services,
      first.variant.accountId,
      async (client) => {
        let lastError: unknown;
        for (; next < batch.length; next++) {
          const { variant, attempt } = batch[next] as (typeof batch)[number];
          try {
            done.push({ variant, attempt, published: await sendWith(p, client, variant, attempt.id) });
          } catch (error) {
            lastError = error;
            outcomes.push(await settleFailure(p, variant, attempt, error));
          }
        }
        sentAll = true;
        // Rethrown so the account's connection health records it (an expired token asks for a reconnect).
        if (lastError !== undefined) throw lastError;
      },
      { ...clientOptions(p), ...(account ? { account } : {}) },
    );
  } catch (error) {
    // A failure before anything was sent (no credentials, account gone): each remaining variant's
    // attempt has an unknown outcome only in name, but is settled the same careful way.
    if (!sentAll)
      for (; next < batch.length; next++) {
        const { variant, attempt } = batch[next] as (typeof batch)[number];
        outcomes.push(await settleFailure(p, variant, attempt, error));
      }
  }
  await succeedAll(p, done);
  return [...done.map(() => "published" as const), ...outcomes];
}
