import { isConnectorError } from "../../../connectors/errors.js";
import type { Published } from "../../../connectors/types.js";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import { withClient } from "../../connections/withClient.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { checkParts } from "../../policy/service/checkPost.js";
import type { Services } from "../../services.js";
import { sendEmailReply } from "../email/sendEmailReply.js";

export interface ReplyInput {
  text: string;
  /** An administrator going ahead despite error-level policy findings, with the reason (audited). */
  override?: { reason: string } | undefined;
}

/**
 * Answers a conversation through its channel: the reply is checked against the policy as a reply to the
 * customer's latest message (so "a reply that ignores the complaint" is caught), sent as an answer to
 * that message with the new message's id as the idempotency key, stored as outbound, and the
 * conversation then waits on the customer (`pending`). Audited.
 */
export async function sendReply(services: Services, actor: Actor, audit: AuditActor, conversationId: string, input: ReplyInput) {
  const { db } = services;
  const conversation = await db.selectFrom("inbox_conversations").selectAll().where("id", "=", conversationId).executeTakeFirst();
  if (!conversation) throw notFound("Conversation", "conversation_not_found");
  const connector = services.connectors.get(conversation.network);
  if (!connector?.capabilities.reply)
    throw new AppError(
      409,
      "reply_not_supported",
      `Switchboard cannot answer on ${connector?.displayName ?? conversation.network} yet: answer there directly.`,
    );
  const customer = await db
    .selectFrom("inbox_messages")
    .select(["external_id", "text"])
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "in")
    .orderBy("sent_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!customer) throw new AppError(409, "nothing_to_answer", "This conversation has no message from the customer to answer.");
  const text = input.text.trim();
  const [checked] = await checkParts(services, [text], { kind: "reply", in_reply_to: customer.text.slice(0, 5000) });
  const blocking = (checked?.findings ?? []).filter((f) => f.level === "error");
  if (blocking.length > 0 && !input.override)
    throw new AppError(400, "policy_blocked", `The policy stops this reply: ${blocking.map((f) => f.reason).join(" ")}`, {
      details: { findings: blocking },
      help: "Fix what the findings say; an administrator may override with a reason.",
    });
  if (blocking.length > 0 && !actor.permissions.has("policy.manage"))
    throw new AppError(403, "override_not_allowed", "Only an administrator may override the policy.");
  const id = timeOrderedId();
  let published: Published;
  try {
    published =
      conversation.network === "email"
        ? await sendEmailReply(services, conversation, customer, text, id)
        : await withClient(services, conversation.account_id, (client) =>
            client.publish({ text, inReplyTo: customer.external_id }, { idempotencyKey: id }),
          );
  } catch (error) {
    if (error instanceof AppError) throw error;
    const kind = isConnectorError(error) ? error.kind : "unknown";
    throw new AppError(
      424,
      "reply_not_sent",
      `The network did not take the reply (${kind}): ${error instanceof Error ? error.message : "unknown error"}`,
    );
  }
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("inbox_messages")
      .values({
        id,
        conversation_id: conversationId,
        account_id: conversation.account_id,
        external_id: published.remoteId,
        direction: "out",
        contact_id: null,
        author_user_id: actor.user.id,
        text,
        url: published.url,
        in_reply_to: customer.external_id,
        sentiment: null,
        sentiment_confidence: null,
        intent: null,
        topic: null,
        sent_at: now,
        received_at: now,
      })
      .execute();
    await trx
      .updateTable("inbox_conversations")
      .set((eb) => ({ status: "pending", message_count: eb("message_count", "+", 1), last_message_at: now, updated_at: now }))
      .where("id", "=", conversationId)
      .execute();
    await recordAudit(trx, audit, {
      action: blocking.length > 0 ? "inbox.reply.sent_overriding_policy" : "inbox.reply.sent",
      targetType: "inbox_conversation",
      targetId: conversationId,
      summary: `Replied on ${conversation.network}${blocking.length > 0 ? ` despite the policy (${input.override?.reason})` : ""}`,
      changes: { messageId: id, remoteId: published.remoteId, ...(input.override ? { overrideReason: input.override.reason } : {}) },
    });
  });
  return { id, remoteId: published.remoteId, url: published.url, sentAt: now, findings: checked?.findings ?? [] };
}
