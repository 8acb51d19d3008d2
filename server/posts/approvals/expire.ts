import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notify } from "../../notifications/notify.js";
import { eligibleApprovers } from "./eligible.js";
import type { Approver } from "./model.js";
import { excerpt, supersedeWaiting } from "./submit.js";

/**
 * Posts whose approval was not given in time (a step's `expires_at`, a set time before the
 * scheduled time) go back to their author as drafts: nothing unapproved goes out, and nobody
 * approves a post after its moment has passed. Returns how many posts expired.
 */
export async function expireApprovals(db: Database, now = new Date()): Promise<number> {
  const late = await db
    .selectFrom("post_approval_steps")
    .innerJoin("posts", "posts.id", "post_approval_steps.post_id")
    .select([
      "posts.id",
      "posts.author_id",
      "posts.text",
      "post_approval_steps.id as step_id",
      "post_approval_steps.name",
      "post_approval_steps.approvers",
      "post_approval_steps.submitted_by",
    ])
    .where("post_approval_steps.status", "=", "waiting")
    .where("post_approval_steps.expires_at", "<", now.toISOString())
    .where("posts.status", "=", "pending_approval")
    .orderBy("post_approval_steps.position")
    .execute();
  const seen = new Set<string>();
  let expired = 0;
  for (const row of late) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const done = await db
      .transaction()
      .execute(async (trx) => {
        // Only if this very step is still waiting: an edit since then started a new round with its own deadline.
        const stillLate = await trx
          .updateTable("post_approval_steps")
          .set({ status: "expired", decided_at: now.toISOString() })
          .where("id", "=", row.step_id)
          .where("status", "=", "waiting")
          .where("expires_at", "<", now.toISOString())
          .executeTakeFirst();
        if (Number(stillLate.numUpdatedRows) !== 1) return false;
        const moved = await trx
          .updateTable("posts")
          .set({ status: "draft", updated_at: now.toISOString() })
          .where("id", "=", row.id)
          .where("status", "=", "pending_approval")
          .executeTakeFirst();
        // Not waiting any more (approved, edited or deleted meanwhile): undo the step's expiry.
        if (Number(moved.numUpdatedRows) !== 1) throw new NotPending();
        await supersedeWaiting(trx, row.id, "expired");
        const approvers = await eligibleApprovers(trx, JSON.parse(row.approvers) as Approver[], [row.author_id, row.submitted_by]);
        await notify(trx, [row.author_id, ...approvers], {
          kind: "post.approval_expired",
          title: "Approval expired",
          body: `"${excerpt(row.text)}" was not approved in time ("${row.name}") and is a draft again: choose a new time and submit it.`,
          link: `/publishing/${row.id}`,
        });
        await recordAudit(trx, systemActor("publishing"), {
          action: "post.approval_expired",
          targetType: "post",
          targetId: row.id,
          summary: `Approval step "${row.name}" was not given in time; the post is a draft again`,
        });
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof NotPending) return false;
        throw err;
      });
    if (done) expired++;
  }
  return expired;
}

class NotPending extends Error {}
