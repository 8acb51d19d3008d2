import { createHash } from "node:crypto";
import type { AddressObject, ParsedMail } from "mailparser";
import { bareSubject, visibleReply } from "./quotes.js";

/** One message read from the mailbox, as the inbox takes it. */
export interface EmailItem {
  /** The Message-ID with its angle brackets (one is made from the message's bytes when it has none). */
  messageId: string;
  /** The message it answers (In-Reply-To), when it says. */
  inReplyTo: string | null;
  /** The thread it belongs to, oldest first (References). */
  references: string[];
  subject: string;
  from: { address: string; name: string | null };
  /** The whole text, quotes and signature included (HTML turned into text when there is no text part). */
  text: string;
  /** What the sender wrote in this message: the text without quoted replies, plus the subject (for classification). */
  visibleText: string;
  date: Date;
  /** Its UID in the mailbox when read. */
  uid: number;
}

const firstAddress = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value).find((a) => a.address);

const ids = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);

/**
 * A parsed message as an inbox item. A message without a Message-ID gets a stable one made from its
 * bytes, so reading it again (after the mailbox's UIDVALIDITY changed) finds the same row.
 */
export function toEmailItem(parsed: ParsedMail, source: Buffer, uid: number, receivedAt: Date | null): EmailItem {
  const messageId = ids(parsed.messageId)[0] ?? `<${createHash("sha256").update(source).digest("hex").slice(0, 32)}@switchboard.invalid>`;
  const from = firstAddress(parsed.from) ?? firstAddress(parsed.replyTo);
  const text = (parsed.text ?? "").replace(/\r\n/g, "\n");
  const subject = (parsed.subject ?? "").trim();
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : (receivedAt ?? new Date());
  const topic = bareSubject(subject);
  return {
    messageId,
    inReplyTo: ids(parsed.inReplyTo)[0] ?? null,
    references: ids(parsed.references),
    subject,
    from: { address: (from?.address ?? "unknown@invalid").toLowerCase(), name: from?.name?.trim() || null },
    text,
    visibleText: topic ? `${topic}\n${visibleReply(text)}` : visibleReply(text),
    date,
    uid,
  };
}
