import type { Database } from "../../db/database.js";
import { stepInTurn } from "./decide.js";
import type { Approver } from "./model.js";
import { currentRound } from "./submit.js";

export type ApprovalState = "none" | "pending" | "approved" | "rejected" | "expired" | "withdrawn";

const stateOf = (statuses: string[]): ApprovalState =>
  statuses.length === 0
    ? "none"
    : statuses.includes("waiting")
      ? "pending"
      : statuses.includes("rejected")
        ? "rejected"
        : statuses.includes("expired")
          ? "expired"
          : statuses.every((s) => s === "approved")
            ? "approved"
            : "withdrawn";

/** A post's latest round of approval as a person reads it, and whether `viewerId` may decide now. */
export async function approvalOf(db: Database, post: { id: string; author_id: string; status: string }, viewerId: string) {
  const { round, steps } = await currentRound(db, post.id);
  const approvers = steps.flatMap((s) => JSON.parse(s.approvers) as Approver[]);
  const ids = (type: Approver["type"]) => [...new Set(approvers.filter((a) => a.type === type).map((a) => a.id))];
  const users = ids("user").length ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", ids("user")).execute() : [];
  const teams = ids("team").length ? await db.selectFrom("teams").select(["id", "name"]).where("id", "in", ids("team")).execute() : [];
  const decisions = steps.length
    ? await db
        .selectFrom("post_approval_decisions")
        .innerJoin("users", "users.id", "post_approval_decisions.user_id")
        .select(["step_id", "user_id", "users.name", "decision", "post_approval_decisions.created_at"])
        .where(
          "step_id",
          "in",
          steps.map((s) => s.id),
        )
        .orderBy("post_approval_decisions.created_at")
        .execute()
    : [];
  const turn = post.status === "pending_approval" ? await stepInTurn(db, post) : undefined;
  const nameOf = (a: Approver) => (a.type === "user" ? users : teams).find((x) => x.id === a.id)?.name ?? "(removed)";
  return {
    round,
    state: stateOf(steps.map((s) => s.status)),
    canDecide: Boolean(turn?.eligible.includes(viewerId) && !decisions.some((d) => d.step_id === turn.step.id && d.user_id === viewerId)),
    steps: steps.map((s) => ({
      id: s.id,
      position: s.position,
      name: s.name,
      mode: s.mode as "any" | "all",
      reason: s.reason,
      status: s.status,
      expiresAt: s.expires_at,
      decidedAt: s.decided_at,
      approvers: (JSON.parse(s.approvers) as Approver[]).map((a) => ({ ...a, name: nameOf(a) })),
      decisions: decisions
        .filter((d) => d.step_id === s.id)
        .map((d) => ({ user: { id: d.user_id, name: d.name }, decision: d.decision as "approved" | "rejected", at: d.created_at })),
    })),
  };
}

export async function commentsOf(db: Database, postId: string) {
  const rows = await db
    .selectFrom("post_comments")
    .innerJoin("users", "users.id", "post_comments.user_id")
    .select(["post_comments.id", "post_comments.body", "post_comments.created_at", "users.id as user_id", "users.name"])
    .where("post_id", "=", postId)
    .orderBy("post_comments.created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, author: { id: r.user_id, name: r.name }, body: r.body, createdAt: r.created_at }));
}
