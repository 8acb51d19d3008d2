import { isConnectorError } from "../../../connectors/errors.js";
import type { Published } from "../../../connectors/types.js";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import { withClient } from "../../connections/withClient.js";
import type { Database } from "../../db/database.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { AppError } from "../../errors.js";
import type { Services } from "../../services.js";
import { sendEmailReply } from "../email/sendEmailReply.js";
import { syncClocks } from "../sla/syncClocks.js";

export interface CustomerMessage {
  external_id: string;
  text: string;
}

export interface Delivery {
  /** Who wrote it (the outbound message's author). */
  authorUserId: string;
  text: string;
  auditAction: string;
  auditSummary: string;
  auditChanges?: Record<string, unknown>;
  /** More to do in the transaction that stores the sent reply (a held reply marked sent). */
  alsoInTransaction?: (trx: Database, messageId: string) => Promise<void>;
}

/**
 * Sends a reply through the conversation's channel as an answer to the customer's message (the new
 * message's id is the idempotency key), then stores it as outbound, sets the conversation waiting on
 * the customer (`pending`), stops its response clocks and audits it, in one transaction. The network
 * refusing is 424 `reply_not_sent` with nothing stored.
 */
export async function deliverReply(
  services: Services,
  audit: AuditActor,
  conversation: { id: string; network: string; account_id: string; subject: string },
  customer: CustomerMessage,
  delivery: Delivery,
) {
  const { db } = services;
  const id = timeOrderedId();
  let published: Published;
  try {
    published =
      conversation.network === "email"
        ? await sendEmailReply(services, conversation, customer, delivery.text, id)
        : await withClient(services, conversation.account_id, (client) =>
            client.publish({ text: delivery.text, inReplyTo: customer.external_id }, { idempotencyKey: id }),
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
        conversation_id: conversation.id,
        account_id: conversation.account_id,
        external_id: published.remoteId,
        direction: "out",
        contact_id: null,
        author_user_id: delivery.authorUserId,
        text: delivery.text,
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
      .where("id", "=", conversation.id)
      .execute();
    await delivery.alsoInTransaction?.(trx, id);
    await recordAudit(trx, audit, {
      action: delivery.auditAction,
      targetType: "inbox_conversation",
      targetId: conversation.id,
      summary: delivery.auditSummary,
      changes: { messageId: id, remoteId: published.remoteId, ...delivery.auditChanges },
    });
    await syncClocks(trx, conversation.id, Date.parse(now));
  });
  return { id, remoteId: published.remoteId, url: published.url, sentAt: now };
}
