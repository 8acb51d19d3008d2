import type { EmailItem } from "../../../connectors/email/index.js";
import type { InboundEvent } from "../ingest/types.js";

/**
 * A message from the mailbox as an inbox event: its Message-ID is the external id (so the database's
 * unique (channel, external id) drops one read twice), its sender the contact, and its thread the first
 * Message-ID of its References (or what it answers).
 */
export const emailEvent = (accountId: string, item: EmailItem): InboundEvent => ({
  accountId,
  network: "email",
  kind: "email",
  remoteId: item.messageId,
  text: item.text,
  classifyText: item.visibleText,
  createdAt: item.date,
  author: { externalId: item.from.address, handle: item.from.address, displayName: item.from.name },
  url: null,
  inReplyTo: item.inReplyTo,
  threadRoot: item.references[0] ?? item.inReplyTo,
  subject: item.subject || null,
});
