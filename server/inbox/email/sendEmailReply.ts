import { sendEmail } from "../../../connectors/email/index.js";
import { bareSubject } from "../../../connectors/email/quotes.js";
import type { Published } from "../../../connectors/types.js";
import { recordFailure, recordSuccess } from "../../connections/connectionState.js";
import { AppError } from "../../errors.js";
import type { Services } from "../../services.js";
import { loadMailbox } from "./store.js";

/** Our Message-ID for a reply: the stored message's id at the channel address's domain. */
export const replyMessageId = (messageId: string, address: string) => `<${messageId}@${address.split("@")[1] || "switchboard.invalid"}>`;

/** The thread's first Message-ID (what replies thread on) and its latest ones, so the header stays a sensible size. */
const capped = (ids: string[]) => (ids.length > 20 ? [ids[0] as string, ...ids.slice(-19)] : ids);

/**
 * Sends an inbox reply on an email channel: to the customer whose message it answers, "Re:" its
 * subject, with In-Reply-To that message and References the thread so far (every Message-ID of the
 * conversation, oldest first), under a Message-ID made from the reply's id, so the customer's answer
 * to it threads back here. The outcome is written on the channel's health.
 */
export async function sendEmailReply(
  services: Services,
  conversation: { id: string; account_id: string; subject: string },
  answering: { external_id: string },
  text: string,
  replyId: string,
): Promise<Published> {
  const { db } = services;
  const mailbox = await loadMailbox(db, services.keyring, conversation.account_id);
  if (!mailbox) throw new AppError(409, "not_connected", "Connect this email channel first.");
  const customer = await db
    .selectFrom("inbox_messages")
    .innerJoin("inbox_identities", "inbox_identities.contact_id", "inbox_messages.contact_id")
    .select("inbox_identities.external_id")
    .where("inbox_messages.account_id", "=", conversation.account_id)
    .where("inbox_messages.external_id", "=", answering.external_id)
    .where("inbox_identities.network", "=", "email")
    .executeTakeFirst();
  if (!customer) throw new AppError(409, "no_recipient", "The message answered has no sender address to reply to.");
  const thread = await db
    .selectFrom("inbox_messages")
    .select("external_id")
    .where("conversation_id", "=", conversation.id)
    .where("direction", "in", ["in", "out"])
    .orderBy("sent_at")
    .orderBy("id")
    .execute();
  const references = thread.map((m) => m.external_id).filter((id) => /^<[^<>\s]+>$/.test(id));
  const messageId = replyMessageId(replyId, mailbox.settings.address);
  try {
    await sendEmail(mailbox.settings, mailbox.password, {
      to: customer.external_id,
      subject: `Re: ${bareSubject(conversation.subject) || "your message"}`,
      text,
      messageId,
      inReplyTo: answering.external_id,
      // The answered message last, as RFC 5322 asks.
      references: [...capped(references.filter((id) => id !== answering.external_id)), answering.external_id],
    });
  } catch (error) {
    await recordFailure(db, conversation.account_id, error);
    throw error;
  }
  await recordSuccess(db, conversation.account_id);
  return { remoteId: messageId, url: null };
}
