import { randomUUID } from "node:crypto";
import { accountPermissionsOf } from "../../accounts/policies.js";
import type { Database } from "../../db/database.js";
import { AppError, badRequest } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { notify } from "../../notifications/notify.js";
import type { Services } from "../../services.js";
import { eligibleApprovers, publishersOf } from "./eligible.js";
import type { RequiredStep, SubmittedPost } from "./model.js";
import { workflowsFor } from "./workflows.js";

/**
 * What a post must pass before it goes out: the workflows of its channels (in order) and of its
 * campaign, what the policy hooks add from what it says, and, for a channel the submitter may draft
 * for but not publish to and that has no workflow of its own, a sign-off by someone who may publish.
 */
export async function requiredSteps(
  services: Pick<Services, "approvalHooks">,
  db: Database,
  actor: Actor,
  post: SubmittedPost,
): Promise<RequiredStep[]> {
  const accountIds = post.variants.map((v) => v.accountId);
  const workflows = await workflowsFor(db, accountIds, post.campaignId);
  const steps: RequiredStep[] = workflows.flatMap((w) =>
    w.steps.map((s) => ({ ...s, reason: `Workflow "${w.name}"`, expireMinutesBefore: w.expireMinutesBefore })),
  );
  const covered = new Set(workflows.filter((w) => w.scopeType === "account").map((w) => w.scopeId));
  const accounts = await db.selectFrom("accounts").select(["id", "handle", "network", "owner_id"]).where("id", "in", accountIds).execute();
  for (const account of accounts) {
    if (covered.has(account.id) || (await accountPermissionsOf(db, actor, account)).has("publish")) continue;
    const publishers = await publishersOf(db, account.id);
    steps.push({
      name: `Sign-off for ${account.handle} on ${account.network}`,
      mode: "any",
      approvers: publishers.map((id) => ({ type: "user", id })),
      reason: `You may draft for ${account.handle} but not publish there`,
      expireMinutesBefore: 0,
    });
  }
  for (const hook of services.approvalHooks) steps.push(...(await hook(post, db)));
  return mergeRepeats(steps);
}

/**
 * Two channels' workflows often ask the same people for the same thing: a step that repeats an
 * earlier one (same mode, same approvers) is folded into it, so nobody approves one post twice.
 */
function mergeRepeats(steps: RequiredStep[]): RequiredStep[] {
  const keyOf = (s: RequiredStep) =>
    `${s.mode}|${s.approvers
      .map((a) => `${a.type}:${a.id}`)
      .sort()
      .join(",")}`;
  const merged = new Map<string, RequiredStep>();
  for (const step of steps) {
    const earlier = merged.get(keyOf(step));
    if (!earlier) merged.set(keyOf(step), { ...step });
    else {
      if (!earlier.reason.includes(step.reason)) earlier.reason = `${earlier.reason}; ${step.reason}`;
      earlier.expireMinutesBefore = Math.max(earlier.expireMinutesBefore, step.expireMinutesBefore);
    }
  }
  return [...merged.values()];
}

/** The post's latest round of steps, in order. */
export async function currentRound(db: Database, postId: string) {
  const latest = await db
    .selectFrom("post_approval_steps")
    .select((eb) => eb.fn.max("round").as("round"))
    .where("post_id", "=", postId)
    .executeTakeFirst();
  const round = Number(latest?.round ?? 0);
  const steps =
    round === 0
      ? []
      : await db
          .selectFrom("post_approval_steps")
          .selectAll()
          .where("post_id", "=", postId)
          .where("round", "=", round)
          .orderBy("position")
          .execute();
  return { round, steps };
}

/** Ends the review of a post's earlier submissions: their waiting steps no longer count. */
export async function supersedeWaiting(db: Database, postId: string, status: "superseded" | "expired" | "rejected" = "superseded") {
  await db
    .updateTable("post_approval_steps")
    .set({ status, decided_at: new Date().toISOString() })
    .where("post_id", "=", postId)
    .where("status", "=", "waiting")
    .execute();
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/**
 * Submits a post scheduled for `scheduledAt`: starts a new round of approval when steps are
 * required and returns `pending_approval`, or `scheduled` when it may go out as it is. Runs in the
 * caller's transaction. An edit resubmits, so whatever was approved before must be approved again.
 */
export async function submitForApproval(
  services: Pick<Services, "approvalHooks">,
  trx: Database,
  actor: Actor,
  post: SubmittedPost & { authorId: string; scheduledAt: string },
): Promise<"pending_approval" | "scheduled"> {
  await supersedeWaiting(trx, post.postId);
  const steps = await requiredSteps(services, trx, actor, post);
  if (steps.length === 0) return "scheduled";
  const excluded = [post.authorId, actor.user.id];
  const { round } = await currentRound(trx, post.postId);
  const now = Date.now();
  const at = Date.parse(post.scheduledAt);
  const rows = [];
  let firstApprovers: string[] = [];
  for (const [position, step] of steps.entries()) {
    const eligible = await eligibleApprovers(trx, step.approvers, excluded);
    if (eligible.length === 0) {
      throw new AppError(409, "no_eligible_approver", `Nobody but you can approve "${step.name}": ask a social lead to add approvers.`, {
        details: { step: step.name },
      });
    }
    const expiresAt = at - step.expireMinutesBefore * 60_000;
    if (expiresAt < now) {
      throw badRequest(
        "approval_window_closed",
        `"${step.name}" must be approved ${step.expireMinutesBefore} minutes before the post goes out: schedule it later.`,
        {
          step: step.name,
          expireMinutesBefore: step.expireMinutesBefore,
          earliestScheduledAt: new Date(now + step.expireMinutesBefore * 60_000).toISOString(),
        },
      );
    }
    if (position === 0) firstApprovers = eligible;
    rows.push({
      id: randomUUID(),
      post_id: post.postId,
      round: round + 1,
      position,
      name: step.name,
      mode: step.mode,
      approvers: JSON.stringify(step.approvers),
      reason: step.reason,
      submitted_by: actor.user.id,
      status: "waiting",
      expires_at: new Date(expiresAt).toISOString(),
      decided_at: null,
    });
  }
  await trx.insertInto("post_approval_steps").values(rows).execute();
  await notify(trx, firstApprovers, {
    kind: "post.approval_requested",
    title: `Approval needed: ${steps[0]?.name}`,
    body: `${actor.user.name} asks you to approve: "${excerpt(post.text)}"`,
    link: `/publishing/${post.postId}`,
  });
  return "pending_approval";
}

export { excerpt };
