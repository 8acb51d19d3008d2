import { randomUUID } from "node:crypto";
import { isConnectorError } from "../../../connectors/errors.js";
import { publishThread } from "../../../connectors/thread.js";
import type { Published } from "../../../connectors/types.js";
import { withClient } from "../../connections/withClient.js";
import type { Database } from "../../db/database.js";
import type { Services } from "../../services.js";
import type { ClaimedVariant } from "./claim.js";

/** Retries of a network that is down or throttling: 1, 2, 4 … minutes, at most this many tries. */
const MAX_ATTEMPTS = 6;
const BACKOFF_MS = 60_000;

export type VariantOutcome = "published" | "failed" | "retrying" | "needs_review";

const messageOf = (error: unknown) => (error instanceof Error ? error.message.slice(0, 500) : "unknown error");

async function finishAttempt(
  db: Database,
  attemptId: string,
  outcome: string,
  fields: { error_kind?: string; message?: string; remote_id?: string; remote_url?: string | null } = {},
) {
  await db
    .updateTable("publish_attempts")
    .set({ outcome, finished_at: new Date().toISOString(), ...fields })
    .where("id", "=", attemptId)
    .execute();
}

async function settleVariant(
  db: Database,
  variantId: string,
  status: VariantOutcome,
  fields: { remote_id?: string; remote_url?: string | null; last_error?: string | null; next_attempt_at?: string | null } = {},
) {
  await db
    .updateTable("post_variants")
    .set({
      status,
      lease_owner: null,
      lease_expires_at: null,
      ...(status === "published" ? { published_at: new Date().toISOString(), last_error: null } : {}),
      ...fields,
    })
    .where("id", "=", variantId)
    .execute();
}

async function succeed(db: Database, variantId: string, attemptId: string, published: Published) {
  await finishAttempt(db, attemptId, "success", { remote_id: published.remoteId, remote_url: published.url });
  await settleVariant(db, variantId, "published", { remote_id: published.remoteId, remote_url: published.url });
  return "published" as const;
}

const send = (services: Services, variant: ClaimedVariant, key: string) =>
  withClient(services, variant.accountId, async (client) => {
    const parts = [variant.text, ...variant.threadParts].map((text) => ({ text }));
    const done = await publishThread(client, parts, (index) => (index === 0 ? key : `${key}-${index}`));
    return done[0] as Published;
  });

/**
 * After an attempt whose outcome is unknown (a timeout after sending, or a crash): never resend
 * blindly. A network that deduplicates by key gets the same key again; one that can be searched is
 * asked whether the post is there, and only a confirmed absence is resent; otherwise a person decides.
 */
export async function settleUnknown(
  services: Services,
  worker: string,
  variant: ClaimedVariant,
  attempt: { id: string; started_at: string },
): Promise<VariantOutcome> {
  const { db } = services;
  const connector = services.connectors.get(variant.network);
  const review = async (why: string) => {
    await finishAttempt(db, attempt.id, "unknown", { error_kind: "unknown_outcome", message: why });
    await settleVariant(db, variant.id, "needs_review", { last_error: why });
    return "needs_review" as const;
  };
  if (!connector || variant.threadParts.length > 0)
    return review("Switchboard cannot tell whether this post went out: check the channel, then publish again or mark it done.");
  if (connector.reconciliation.kind === "idempotency-key") {
    try {
      return await succeed(db, variant.id, attempt.id, await send(services, variant, attempt.id));
    } catch (error) {
      return review(`Sending again with the same key failed too: ${messageOf(error)}`);
    }
  }
  if (connector.reconciliation.kind === "lookup") {
    try {
      const found = await withClient(services, variant.accountId, (client) =>
        client.findPublished
          ? client.findPublished({ text: variant.text }, { since: new Date(Date.parse(attempt.started_at) - 60_000) })
          : Promise.resolve(undefined),
      );
      if (found) return await succeed(db, variant.id, attempt.id, found);
      if (found === null) {
        await finishAttempt(db, attempt.id, "unknown", { error_kind: "unknown_outcome", message: "Not found on the network: sent again." });
        return publishVariant(services, worker, variant);
      }
    } catch (error) {
      return review(`Could not check the network: ${messageOf(error)}`);
    }
  }
  return review("This network cannot be asked whether the post went out: check the channel, then publish again or mark it done.");
}

/** One attempt at sending a claimed variant, recorded before the network is called. */
export async function publishVariant(services: Services, worker: string, variant: ClaimedVariant): Promise<VariantOutcome> {
  const { db } = services;
  const attempt = { id: randomUUID(), started_at: new Date().toISOString() };
  await db
    .insertInto("publish_attempts")
    .values({ ...attempt, variant_id: variant.id, worker, outcome: "pending" })
    .execute();
  try {
    return await succeed(db, variant.id, attempt.id, await send(services, variant, attempt.id));
  } catch (error) {
    if (isConnectorError(error, "rejected") || isConnectorError(error, "auth_expired")) {
      await finishAttempt(db, attempt.id, "rejected", { error_kind: error.kind, message: error.message });
      await settleVariant(db, variant.id, "failed", { last_error: error.message });
      return "failed";
    }
    if (isConnectorError(error, "rate_limited") || isConnectorError(error, "unavailable")) {
      const tries = await db
        .selectFrom("publish_attempts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("variant_id", "=", variant.id)
        .executeTakeFirstOrThrow();
      await finishAttempt(db, attempt.id, "retryable", { error_kind: error.kind, message: error.message });
      if (Number(tries.n) >= MAX_ATTEMPTS) {
        await settleVariant(db, variant.id, "failed", { last_error: `Gave up after ${tries.n} tries: ${error.message}` });
        return "failed";
      }
      const backoff = new Date(Date.now() + BACKOFF_MS * 2 ** (Number(tries.n) - 1));
      const next = error.resetAt && error.resetAt > backoff ? error.resetAt : backoff;
      await settleVariant(db, variant.id, "retrying", { last_error: error.message, next_attempt_at: next.toISOString() });
      return "retrying";
    }
    return settleUnknown(services, worker, variant, attempt);
  }
}
