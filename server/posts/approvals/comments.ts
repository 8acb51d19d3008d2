import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { notify } from "../../notifications/notify.js";
import { stepInTurn } from "./decide.js";
import { excerpt } from "./submit.js";

/** A comment on a post; its author, the approvers in turn and earlier commenters are told. */
export async function addComment(db: Database, actor: Actor, audit: AuditActor, postId: string, body: string): Promise<string> {
  const post = await db.selectFrom("posts").select(["id", "author_id", "status", "text"]).where("id", "=", postId).executeTakeFirst();
  if (!post) throw notFound("Post", "post_not_found");
  const turn = post.status === "pending_approval" ? await stepInTurn(db, post) : undefined;
  const earlier = await db.selectFrom("post_comments").select("user_id").where("post_id", "=", postId).execute();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("post_comments")
      .values({ id, post_id: postId, user_id: actor.user.id, body, created_at: new Date().toISOString() })
      .execute();
    const told = [post.author_id, ...(turn?.eligible ?? []), ...earlier.map((c) => c.user_id)].filter((u) => u !== actor.user.id);
    await notify(trx, told, {
      kind: "post.commented",
      title: `${actor.user.name} commented on a post`,
      body: `On "${excerpt(post.text)}": ${excerpt(body)}`,
      link: `/publishing/${postId}`,
    });
    await recordAudit(trx, audit, { action: "post.commented", targetType: "post", targetId: postId, summary: "Commented on a post" });
  });
  return id;
}
