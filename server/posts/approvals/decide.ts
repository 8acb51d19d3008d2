import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, badRequest, conflict, notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { notify } from "../../notifications/notify.js";
import { eligibleApprovers } from "./eligible.js";
import type { Approver } from "./model.js";
import { currentRound, excerpt, supersedeWaiting } from "./submit.js";

export interface Decision {
  decision: "approve" | "reject";
  /** The post version the approver read: a newer one means they approved something else. */
  version: number;
  comment?: string | undefined;
}

type StepRow = Awaited<ReturnType<typeof currentRound>>["steps"][number];

/** The step waiting for a decision now (steps are decided in order), with who may decide it. */
export async function stepInTurn(db: Database, post: { id: string; author_id: string }) {
  const { steps } = await currentRound(db, post.id);
  const step = steps.find((s) => s.status === "waiting");
  if (!step) return undefined;
  const eligible = await eligibleApprovers(db, JSON.parse(step.approvers) as Approver[], [post.author_id, step.submitted_by]);
  return { step, steps, eligible };
}

async function decidedBy(db: Database, stepId: string) {
  return (await db.selectFrom("post_approval_decisions").select(["user_id", "decision"]).where("step_id", "=", stepId).execute()).map(
    (d) => d.user_id,
  );
}

/** Whether a step is complete once `approvedBy` have approved: anyone for `any`, everyone eligible for `all`. */
const complete = (step: StepRow, eligible: readonly string[], approvedBy: readonly string[]) =>
  step.mode === "any" ? approvedBy.length > 0 : eligible.every((id) => approvedBy.includes(id));

/**
 * An approver's decision on the step in turn. Nobody decides on their own post; approving the last
 * step schedules the post, approving an earlier one hands it to the next step's approvers, and a
 * rejection (with a comment saying why) sends it back to its author as a draft.
 */
export async function decide(db: Database, actor: Actor, audit: AuditActor, postId: string, input: Decision): Promise<void> {
  const post = await db
    .selectFrom("posts")
    .select(["id", "author_id", "status", "version", "text"])
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!post) throw notFound("Post", "post_not_found");
  if (post.status !== "pending_approval") throw conflict("not_pending_approval", "This post is not waiting for approval.");
  if (post.version !== input.version) {
    throw conflict("edit_conflict", "The post was edited after you opened it: read the new version before you decide.");
  }
  const turn = await stepInTurn(db, post);
  if (!turn) throw conflict("not_pending_approval", "This post is not waiting for approval.");
  const { step, steps, eligible } = turn;
  if (actor.user.id === post.author_id || actor.user.id === step.submitted_by) {
    throw new AppError(403, "self_approval", "You wrote or submitted this post: someone else must approve it.");
  }
  if (!eligible.includes(actor.user.id)) {
    throw new AppError(403, "not_an_approver", `You are not an approver of "${step.name}".`);
  }
  const comment = input.comment?.trim();
  if (input.decision === "reject" && !comment) throw badRequest("comment_required", "Say what needs to change, so the author can fix it.");
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // Lock the post as it was read: an edit, an expiry or another decision since then wins, and a
    // second decision (a double click, a second approver of an all-of step) waits here and sees the first.
    const locked = await trx
      .updateTable("posts")
      .set({ updated_at: now })
      .where("id", "=", post.id)
      .where("status", "=", "pending_approval")
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) {
      throw conflict("edit_conflict", "The post changed while you decided: read it again before you decide.");
    }
    const still = await trx.selectFrom("post_approval_steps").select("status").where("id", "=", step.id).executeTakeFirst();
    if (still?.status !== "waiting") throw conflict("edit_conflict", "This step was decided or withdrawn meanwhile.");
    const already = await decidedBy(trx, step.id);
    if (already.includes(actor.user.id)) throw conflict("already_decided", "You have already decided on this step.");
    await trx
      .insertInto("post_approval_decisions")
      .values({
        id: randomUUID(),
        step_id: step.id,
        user_id: actor.user.id,
        decision: input.decision === "approve" ? "approved" : "rejected",
        created_at: now,
      })
      .execute();
    if (comment) {
      await trx
        .insertInto("post_comments")
        .values({ id: randomUUID(), post_id: post.id, user_id: actor.user.id, body: comment, created_at: now })
        .execute();
    }
    const link = `/publishing/${post.id}`;
    if (input.decision === "reject") {
      await trx.updateTable("post_approval_steps").set({ status: "rejected", decided_at: now }).where("id", "=", step.id).execute();
      await supersedeWaiting(trx, post.id);
      await trx.updateTable("posts").set({ status: "draft", updated_at: now }).where("id", "=", post.id).execute();
      await notify(trx, [post.author_id], {
        kind: "post.rejected",
        title: `Changes requested by ${actor.user.name}`,
        body: `"${excerpt(post.text)}": ${comment}`,
        link,
      });
      await recordAudit(trx, audit, {
        action: "post.rejected",
        targetType: "post",
        targetId: post.id,
        summary: `Requested changes at step "${step.name}"; the post is a draft again`,
      });
      return;
    }
    const approvedBy = [...already, actor.user.id];
    const stepDone = complete(step, eligible, approvedBy);
    if (stepDone)
      await trx.updateTable("post_approval_steps").set({ status: "approved", decided_at: now }).where("id", "=", step.id).execute();
    const next = stepDone ? steps.find((s) => s.status === "waiting" && s.position > step.position) : undefined;
    if (stepDone && !next) {
      await trx.updateTable("posts").set({ status: "scheduled", updated_at: now }).where("id", "=", post.id).execute();
      await notify(trx, [post.author_id], {
        kind: "post.approved",
        title: "Your post was approved",
        body: `"${excerpt(post.text)}" will go out as scheduled.`,
        link,
      });
    } else if (next) {
      const nextApprovers = await eligibleApprovers(trx, JSON.parse(next.approvers) as Approver[], [post.author_id, next.submitted_by]);
      await notify(trx, nextApprovers, {
        kind: "post.approval_requested",
        title: `Approval needed: ${next.name}`,
        body: `"${excerpt(post.text)}" passed "${step.name}" and waits for you.`,
        link,
      });
    }
    await recordAudit(trx, audit, {
      action: "post.approved",
      targetType: "post",
      targetId: post.id,
      summary: stepDone
        ? next
          ? `Approved step "${step.name}"; next: "${next.name}"`
          : `Approved step "${step.name}"; the post is scheduled`
        : `Approved step "${step.name}" (all must approve; ${approvedBy.length} of ${eligible.length})`,
    });
  });
}
