import type { Database } from "../../db/database.js";
import type { Services } from "../../services.js";
import { claimDueVariants, LEASE_MS, toClaimed, variantsToSend } from "./claim.js";
import { publishVariant, settleUnknown, type VariantOutcome } from "./publish.js";

const BATCH = 50;

/**
 * Claims whose lease ran out belong to a worker that crashed. If it had started an attempt, the
 * post may have gone out: that attempt is settled as an unknown outcome, never simply resent.
 */
async function recoverExpiredLeases(services: Services, worker: string, now: Date): Promise<VariantOutcome[]> {
  const { db } = services;
  const expired = await variantsToSend(db)
    .where("post_variants.status", "=", "publishing")
    .where("post_variants.lease_expires_at", "<", now.toISOString())
    .execute();
  const outcomes: VariantOutcome[] = [];
  for (const row of expired) {
    // Take the claim over; another worker recovering at the same moment gets nothing.
    const taken = await db
      .updateTable("post_variants")
      .set({ lease_owner: worker, lease_expires_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where("id", "=", row.id)
      .where("status", "=", "publishing")
      .where("lease_expires_at", "=", row.lease_expires_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1 || !row.account_id) continue;
    const variant = toClaimed(row);
    const attempt = await db
      .selectFrom("publish_attempts")
      .select(["id", "started_at"])
      .where("variant_id", "=", row.id)
      .where("outcome", "=", "pending")
      .orderBy("started_at", "desc")
      .executeTakeFirst();
    outcomes.push(attempt ? await settleUnknown(services, worker, variant, attempt) : await publishVariant(services, worker, variant));
    await rollUpPost(db, row.post_id);
  }
  return outcomes;
}

/**
 * Variants that never got their chance (the server was down) and are now too late are marked
 * `missed` instead of going out late. Variants already tried and waiting on a network keep waiting.
 */
async function markMissed(db: Database, now: Date, missedAfterMs: number): Promise<number> {
  const cutoff = new Date(now.getTime() - missedAfterMs).toISOString();
  const late = await db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .select(["post_variants.id", "post_variants.post_id"])
    .where("posts.status", "in", ["scheduled", "publishing"])
    .where("posts.scheduled_at", "<", cutoff)
    .where("post_variants.status", "=", "pending")
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
  for (const postId of new Set(late.map((v) => v.post_id))) await rollUpPost(db, postId);
  return late.length;
}

/** A post's status follows its variants: published when all went out, otherwise what needs attention. */
export async function rollUpPost(db: Database, postId: string): Promise<void> {
  const variants = await db.selectFrom("post_variants").select("status").where("post_id", "=", postId).execute();
  const statuses = new Set(variants.map((v) => v.status));
  const status = ["pending", "publishing", "retrying"].some((s) => statuses.has(s))
    ? "publishing"
    : statuses.has("needs_review")
      ? "needs_review"
      : statuses.has("failed") || statuses.has("channel_lost")
        ? "failed"
        : statuses.has("missed")
          ? "missed"
          : "published";
  await db
    .updateTable("posts")
    .set({ status, updated_at: new Date().toISOString() })
    .where("id", "=", postId)
    .where("status", "in", ["scheduled", "publishing"])
    .execute();
}

/** One pass of the publish engine: recover crashed claims, then send what is due. */
export async function runDuePublishing(services: Services, worker: string, now = new Date()): Promise<VariantOutcome[]> {
  await markMissed(services.db, now, services.config.publishMissedAfterMs);
  const outcomes = await recoverExpiredLeases(services, worker, now);
  const claimed = await claimDueVariants(services.db, worker, now, BATCH);
  const posts = new Set<string>();
  for (const variant of claimed) {
    outcomes.push(await publishVariant(services, worker, variant));
    posts.add(variant.postId);
  }
  for (const postId of posts) await rollUpPost(services.db, postId);
  return outcomes;
}
