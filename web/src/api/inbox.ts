import { api } from "./client.js";

/** The inbox API as docs/inbox.md specifies it. */

export type ConversationStatus = "open" | "pending" | "snoozed" | "resolved";
export type Priority = "low" | "normal" | "high" | "urgent";
export type Sentiment = "negative" | "neutral" | "positive";
export type Intent = "complaint" | "question" | "praise" | "lead" | "spam" | "other";
export type ConversationKind = "mention" | "comment" | "message" | "email";

export const STATUSES: readonly ConversationStatus[] = ["open", "pending", "snoozed", "resolved"];
export const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];
export const SENTIMENTS: readonly Sentiment[] = ["negative", "neutral", "positive"];
export const INTENTS: readonly Intent[] = ["complaint", "question", "praise", "lead", "spam", "other"];

export interface ConversationSummary {
  id: string;
  /** `handle` is null when the channel has since been removed (the history stays). */
  account: { id: string; network: string; handle: string | null };
  kind: ConversationKind;
  subject: string;
  status: ConversationStatus;
  priority: Priority;
  team: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  tags: string[];
  sentiment: Sentiment | null;
  intent: Intent | null;
  topic: string | null;
  messageCount: number;
  lastMessageAt: string;
  snoozedUntil: string | null;
  contact: { id: string; displayName: string | null } | null;
}

export type MessageAuthor =
  | { kind: "contact"; id: string; displayName: string | null; handle: string | null }
  | { kind: "user"; id: string; name: string };

export interface InboxMessage {
  id: string;
  direction: "in" | "out" | "note";
  /** At most 5,000 characters; `truncated` says there is more (GET /api/inbox/messages/:id). */
  text: string;
  truncated: boolean;
  length: number;
  sentAt: string;
  url: string | null;
  sentiment: Sentiment | null;
  intent: Intent | null;
  topic: string | null;
  /** Null when the author's contact or user was deleted. */
  author: MessageAuthor | null;
}

export interface ContactDetail {
  id: string;
  displayName: string | null;
  identities: { network: string; externalId: string; handle: string | null }[];
  history: { id: string; subject: string; status: ConversationStatus; lastMessageAt: string }[];
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: InboxMessage[];
  contact: ContactDetail | null;
}

/** The list's query; "" or undefined means "any". */
export interface ConversationQuery {
  status?: ConversationStatus;
  accountId?: string;
  teamId?: string;
  assigneeId?: string;
  unassigned?: boolean;
  sentiment?: string;
  intent?: string;
  priority?: string;
  before?: string;
  /** With `before`: continues in (lastMessageAt, id) order, so conversations sharing that instant are not skipped. */
  beforeId?: string;
  limit?: number;
}

export interface ConversationPage {
  items: ConversationSummary[];
  nextBefore: string | null;
  nextBeforeId?: string | null;
}

export interface ConversationChanges {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  snoozedUntil?: string;
}

export interface BulkChanges {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

export const inboxKey = ["inbox"] as const;
export const conversationsKey = [...inboxKey, "conversations"] as const;
export const conversationKey = (id: string) => [...inboxKey, "conversation", id] as const;
export const messageKey = (id: string) => [...inboxKey, "message", id] as const;

const conversationPath = (id: string) => `/api/inbox/conversations/${encodeURIComponent(id)}`;

export const fetchConversations = (query: ConversationQuery, signal?: AbortSignal) =>
  api<ConversationPage>("GET", "/api/inbox/conversations", { query: { ...query }, ...(signal ? { signal } : {}) });

export const fetchConversation = (id: string) => api<ConversationDetail>("GET", conversationPath(id));

/** One message with its whole text. */
export const fetchMessage = (id: string) => api<InboxMessage>("GET", `/api/inbox/messages/${encodeURIComponent(id)}`);

export const updateConversation = (id: string, changes: ConversationChanges) =>
  api<ConversationSummary>("PATCH", conversationPath(id), { body: changes });

export const bulkUpdateConversations = (ids: string[], set: BulkChanges) =>
  api<{ updated: number }>("POST", "/api/inbox/conversations/bulk", { body: { ids, set } });

/** An internal note: stored on the conversation, never sent anywhere. */
export const addNote = (id: string, text: string) => api<InboxMessage>("POST", `${conversationPath(id)}/notes`, { body: { text } });

export interface SentReply {
  id: string;
  remoteId: string;
  url: string | null;
  sentAt: string;
  /** What the policy noted; warnings and suggestions do not stop a reply. */
  findings: { source: string; ruleId: string; level: string; reason: string }[];
}

/** Answers through the channel, as a reply to the customer's latest message (policy-checked, audited). */
export const sendReply = (id: string, text: string) => api<SentReply>("POST", `${conversationPath(id)}/replies`, { body: { text } });

export interface CannedReply {
  id: string;
  name: string;
  text: string;
  updatedAt: string;
}

export const cannedRepliesKey = [...inboxKey, "canned"] as const;

export const fetchCannedReplies = () => api<{ items: CannedReply[] }>("GET", "/api/inbox/canned-replies").then((r) => r.items);

/** A canned reply with its {{variables}} filled in for this conversation (contact, agent, channel). */
export const fillCannedReply = (conversationId: string, cannedId: string) =>
  api<{ text: string }>("GET", `${conversationPath(conversationId)}/canned-replies/${encodeURIComponent(cannedId)}`).then((r) => r.text);
