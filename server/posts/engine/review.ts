import { authorizeOnAccount } from "../../accounts/policies.js";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, conflict, notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { rollUpPost } from "./runDue.js";

/** A person's answer to `needs_review`: it did go out (perhaps with its address), or send it again. */
export type ReviewDecision = { choice: "went_out"; url?: string | undefined } | { choice: "publish_again" };

/**
 * Settles a variant the engine could not settle itself (`needs_review`). The author or a social lead
 * decides: "it went out" marks it published (nothing is sent); "publish again" hands it back to the
 * engine, which sends it with a new attempt (a new idempotency key) at its next pass.
 */
export async function resolveReview(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  target: { postId: string; variantId: string },
  decision: ReviewDecision,
): Promise<void> {
  const found = await db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .leftJoin("accounts", "accounts.id", "post_variants.account_id")
    .select([
      "posts.author_id",
      "post_variants.status",
      "post_variants.account_id",
      "post_variants.network",
      "accounts.owner_id",
      "accounts.handle",
    ])
    .where("post_variants.id", "=", target.variantId)
    .where("post_variants.post_id", "=", target.postId)
    .executeTakeFirst();
  if (!found) throw notFound("Variant", "variant_not_found");
  if (found.author_id !== actor.user.id && !actor.permissions.has("accounts.manage")) {
    throw new AppError(403, "forbidden", "Only the post's author or a social lead can decide what happened to it.");
  }
  if (found.status !== "needs_review") {
    throw conflict(
      "variant_not_in_review",
      `This channel's post is ${found.status.replace("_", " ")}, not waiting for a person's decision.`,
    );
  }
  const channel = `${found.handle ?? "a deleted account"} (${found.network})`;
  if (decision.choice === "publish_again") {
    if (!found.account_id) {
      throw conflict("channel_lost", "The channel's account was deleted: this post cannot be sent again there.");
    }
    await authorizeOnAccount(db, actor, { id: found.account_id, owner_id: found.owner_id }, "publish");
  }
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const settled = await trx
      .updateTable("post_variants")
      .set(
        decision.choice === "went_out"
          ? { status: "published", published_at: now, remote_url: decision.url ?? null, last_error: null }
          : // `retrying` due now rather than `pending`: the engine claims it at once with a new attempt, and a
            // post whose time is long past is not then marked missed against the person's explicit decision.
            { status: "retrying", next_attempt_at: now, last_error: null },
      )
      .set({ lease_owner: null, lease_expires_at: null })
      .where("id", "=", target.variantId)
      .where("status", "=", "needs_review")
      .executeTakeFirst();
    if (Number(settled.numUpdatedRows) !== 1) {
      throw conflict("variant_not_in_review", "Someone else decided about this post a moment ago. Reload it.");
    }
    // rollUpPost only moves posts that are on their way; the post goes back there and follows its variants again.
    await trx
      .updateTable("posts")
      .set({ status: "publishing", updated_at: now })
      .where("id", "=", target.postId)
      .where("status", "=", "needs_review")
      .execute();
    await rollUpPost(trx, target.postId);
    await recordAudit(trx, audit, {
      action: decision.choice === "went_out" ? "post.review_went_out" : "post.review_publish_again",
      targetType: "post",
      targetId: target.postId,
      summary:
        decision.choice === "went_out"
          ? `Confirmed the post went out on ${channel}${decision.url ? ` at ${decision.url}` : ""}`
          : `Asked for the post to be published again on ${channel}`,
      changes: { variantId: target.variantId, status: ["needs_review", decision.choice === "went_out" ? "published" : "retrying"] },
    });
  });
}
