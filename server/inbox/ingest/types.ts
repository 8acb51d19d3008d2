/** How an inbound item reached the organisation. */
export type InboundKind = "mention" | "comment" | "message" | "email";

/**
 * One inbound item from any source (a connector's page of mentions or comments, a webhook, the mail
 * poller), as ingestion takes it. `remoteId` is the network's id for it (an email's Message-ID).
 */
export interface InboundEvent {
  /** The channel (accounts.id) it came to. */
  accountId: string;
  network: string;
  kind: InboundKind;
  remoteId: string;
  text: string;
  /** What classification reads when it is not the whole text (an email without the message it quotes). */
  classifyText?: string | null;
  createdAt: Date;
  author: { externalId: string; handle: string | null; displayName: string | null };
  url?: string | null;
  /** The item it answers, when the network says. */
  inReplyTo?: string | null;
  /** What the thread hangs on: the post a comment is under, an email thread's first Message-ID. */
  threadRoot?: string | null;
  /** An email's subject. */
  subject?: string | null;
}

export interface IngestResult {
  /** Messages stored. */
  stored: number;
  /** Items the database already had (redelivered or replayed): nothing changed for them. */
  duplicates: number;
  /** Conversations started by this batch. */
  conversationsStarted: number;
  /** Ids of the messages stored, with their conversation, classification and time (for alerts). */
  messages: StoredMessage[];
}

export interface StoredMessage {
  id: string;
  conversationId: string;
  accountId: string;
  sentiment: string;
  sentAt: string;
  text: string;
}
