import type { AuditActor } from "../../audit/context.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { checkParts } from "../../policy/service/checkPost.js";
import type { Services } from "../../services.js";
import { needsApproval } from "./approvalSettings.js";
import { deliverReply } from "./deliverReply.js";
import { holdReply } from "./holdReply.js";

export interface ReplyInput {
  text: string;
  /** An administrator going ahead despite error-level policy findings, with the reason (audited). */
  override?: { reason: string } | undefined;
}

/**
 * Answers a conversation through its channel: the reply is checked against the policy as a reply to the
 * customer's latest message (so "a reply that ignores the complaint" is caught), sent as an answer to
 * that message with the new message's id as the idempotency key, stored as outbound, and the
 * conversation then waits on the customer (`pending`). Audited. When the author's replies need
 * approval (reply approval settings), it is held instead, and sent when a lead approves it.
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
  const customer = await latestCustomerMessage(services, conversationId);
  const text = input.text.trim();
  const [checked] = await checkParts(services, [text], { kind: "reply", in_reply_to: customer.text.slice(0, 5000) });
  const findings = checked?.findings ?? [];
  const blocking = findings.filter((f) => f.level === "error");
  if (blocking.length > 0 && !input.override)
    throw new AppError(400, "policy_blocked", `The policy stops this reply: ${blocking.map((f) => f.reason).join(" ")}`, {
      details: { findings: blocking },
      help: "Fix what the findings say; an administrator may override with a reason.",
    });
  if (blocking.length > 0 && !actor.permissions.has("policy.manage"))
    throw new AppError(403, "override_not_allowed", "Only an administrator may override the policy.");
  if (await needsApproval(db, actor, conversation.account_id)) {
    return { held: await holdReply(db, audit, conversation, actor.user.id, text, findings) };
  }
  const sent = await deliverReply(services, audit, conversation, customer, {
    authorUserId: actor.user.id,
    text,
    auditAction: blocking.length > 0 ? "inbox.reply.sent_overriding_policy" : "inbox.reply.sent",
    auditSummary: `Replied on ${conversation.network}${blocking.length > 0 ? ` despite the policy (${input.override?.reason})` : ""}`,
    ...(input.override ? { auditChanges: { overrideReason: input.override.reason } } : {}),
  });
  return { ...sent, findings };
}

/** The customer's message a reply answers: their latest. 409 `nothing_to_answer` without one. */
export async function latestCustomerMessage(services: Services, conversationId: string) {
  const customer = await services.db
    .selectFrom("inbox_messages")
    .select(["external_id", "text"])
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "in")
    .orderBy("sent_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!customer) throw new AppError(409, "nothing_to_answer", "This conversation has no message from the customer to answer.");
  return customer;
}
