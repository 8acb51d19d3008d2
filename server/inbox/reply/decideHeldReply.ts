import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import { AppError, notFound } from "../../errors.js";
import { notify } from "../../notifications/notify.js";
import type { Services } from "../../services.js";
import { deliverReply } from "./deliverReply.js";
import { presentHeldReply } from "./heldReplies.js";
import { latestCustomerMessage } from "./sendReply.js";

async function waitingReply(services: Services, id: string) {
  const held = await services.db.selectFrom("inbox_held_replies").selectAll().where("id", "=", id).executeTakeFirst();
  if (!held) throw notFound("Held reply", "held_reply_not_found");
  if (held.status !== "waiting")
    throw new AppError(409, "held_reply_decided", `This reply was ${held.status === "returned" ? "sent back" : "sent"} already.`);
  return held;
}

/**
 * A lead approves a held reply: it goes out through the channel as its author's, exactly as a reply
 * without approval does (as an answer to the customer's latest message). The reply is claimed first
 * (waiting → sending), so two leads approving at once send it once; when the network refuses it, it
 * is waiting again and the lead sees 424 `reply_not_sent`. Audited; the author is told.
 */
export async function approveHeldReply(services: Services, audit: AuditActor, approverId: string, id: string) {
  const { db } = services;
  const held = await waitingReply(services, id);
  const conversation = await db
    .selectFrom("inbox_conversations")
    .selectAll()
    .where("id", "=", held.conversation_id)
    .executeTakeFirstOrThrow();
  const customer = await latestCustomerMessage(services, conversation.id);
  const claimed = await db
    .updateTable("inbox_held_replies")
    .set({ status: "sending", updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("status", "=", "waiting")
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new AppError(409, "held_reply_decided", "Someone decided on this reply a moment ago.");
  try {
    await deliverReply(services, audit, conversation, customer, {
      authorUserId: held.author_user_id ?? approverId,
      text: held.text,
      auditAction: "inbox.reply.approved",
      auditSummary: `Approved and sent a held reply on ${conversation.network}`,
      auditChanges: { heldReplyId: id, author: held.author_user_id },
      alsoInTransaction: async (trx, messageId) => {
        const now = new Date().toISOString();
        await trx
          .updateTable("inbox_held_replies")
          .set({ status: "sent", decided_by: approverId, decided_at: now, message_id: messageId, updated_at: now })
          .where("id", "=", id)
          .execute();
        await notify(trx, [held.author_user_id === approverId ? null : held.author_user_id], {
          kind: "inbox.reply_approved",
          title: "Your reply was approved and sent",
          body: held.text.slice(0, 200),
          link: `/inbox?conversation=${conversation.id}`,
        });
      },
    });
  } catch (error) {
    await db
      .updateTable("inbox_held_replies")
      .set({ status: "waiting", updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    throw error;
  }
  return presentHeldReply(db, id);
}

/** A lead sends a held reply back to its author with a comment; nothing is sent. Audited; the author is told. */
export async function returnHeldReply(services: Services, audit: AuditActor, deciderId: string, id: string, comment: string) {
  const { db } = services;
  await waitingReply(services, id);
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const done = await trx
      .updateTable("inbox_held_replies")
      .set({ status: "returned", comment, decided_by: deciderId, decided_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "waiting")
      .returning(["conversation_id", "author_user_id", "text"])
      .executeTakeFirst();
    if (!done) throw new AppError(409, "held_reply_decided", "Someone decided on this reply a moment ago.");
    await recordAudit(trx, audit, {
      action: "inbox.reply.returned",
      targetType: "inbox_conversation",
      targetId: done.conversation_id,
      summary: "Sent a held reply back to its author",
      changes: { heldReplyId: id, comment },
    });
    await notify(trx, [done.author_user_id], {
      kind: "inbox.reply_returned",
      title: "Your reply was sent back",
      body: comment.slice(0, 200),
      link: `/inbox?conversation=${done.conversation_id}`,
    });
  });
  return presentHeldReply(db, id);
}
