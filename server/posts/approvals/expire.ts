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
  for (const row of late) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    await db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable("posts")
        .set({ status: "draft", updated_at: now.toISOString() })
        .where("id", "=", row.id)
        .where("status", "=", "pending_approval")
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
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
    });
  }
  return seen.size;
}
