import type { ConversationKind, ConversationStatus, Intent, Priority, Sentiment } from "../../api/inbox.js";
import type { Network } from "../../api/types.js";

/** How the inbox's values read in the UI, and which badge colour each gets. */

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  open: "Open",
  pending: "Pending",
  snoozed: "Snoozed",
  resolved: "Resolved",
};

export const PRIORITY_LABELS: Record<Priority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

export const SENTIMENT_LABELS: Record<Sentiment, string> = { negative: "Negative", neutral: "Neutral", positive: "Positive" };

export const INTENT_LABELS: Record<Intent, string> = {
  complaint: "Complaint",
  question: "Question",
  praise: "Praise",
  lead: "Lead",
  spam: "Spam",
  other: "Other",
};

export const KIND_LABELS: Record<ConversationKind, string> = {
  mention: "Mention",
  comment: "Comment",
  message: "Direct message",
  email: "Email",
};

const TOPIC_LABELS: Record<string, string> = {
  customer_service: "Customer service",
  late_flight: "Late flight",
  cancelled_flight: "Cancelled flight",
  lost_luggage: "Lost luggage",
  bad_flight: "Bad flight",
  booking_problem: "Booking problem",
  flight_attendant: "Flight attendant",
  long_lines: "Long lines",
  damaged_luggage: "Damaged luggage",
};

/** The topics the classifier names, in its order (server/inbox/classify/labels.ts; labels.test.ts compares). */
export const TOPICS: readonly string[] = Object.keys(TOPIC_LABELS);

/** "lost_luggage" → "Lost luggage"; a topic the UI does not know yet reads the same way. */
export function topicLabel(topic: string): string {
  const known = TOPIC_LABELS[topic];
  if (known) return known;
  const words = topic.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const label = <K extends string>(labels: Record<K, string>, value: string | null | undefined): string =>
  value ? (labels[value as K] ?? value) : "—";

const SENTIMENT_BADGES: Record<Sentiment, string> = {
  negative: "badge badge-danger",
  neutral: "badge badge-quiet",
  positive: "badge badge-ok",
};

export function SentimentBadge({ sentiment }: { sentiment: Sentiment | null }) {
  if (!sentiment) return null;
  return <span className={SENTIMENT_BADGES[sentiment] ?? "badge"}>{label(SENTIMENT_LABELS, sentiment)}</span>;
}

const PRIORITY_BADGES: Record<Priority, string> = {
  low: "badge badge-quiet",
  normal: "badge badge-quiet",
  high: "badge badge-warn",
  urgent: "badge badge-danger",
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={PRIORITY_BADGES[priority] ?? "badge"}>{label(PRIORITY_LABELS, priority)}</span>;
}

const STATUS_BADGES: Record<ConversationStatus, string> = {
  open: "badge badge-accent",
  pending: "badge",
  snoozed: "badge badge-quiet",
  resolved: "badge badge-ok",
};

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={STATUS_BADGES[status] ?? "badge"}>{label(STATUS_LABELS, status)}</span>;
}

/** "Bluesky" for "bluesky"; the id itself for a network the server does not list. */
export const networkLabel = (networks: readonly Network[], id: string) => networks.find((n) => n.id === id)?.name ?? id;

/** "@acme.example" for a handle without an at sign (an email address stays as it is); null: a removed channel. */
export const atHandle = (handle: string | null) =>
  handle === null ? "(channel removed)" : handle.startsWith("@") || handle.includes("@") ? handle : `@${handle}`;

/**
 * The subject without the channel's own handle in front: a mention's text starts "@acme.example …", which
 * says nothing in the channel's own inbox.
 */
export function subjectOf(c: { subject: string; account: { handle: string | null } }): string {
  const subject = c.subject.trim();
  const handle = c.account.handle?.replace(/^@/, "");
  if (!handle) return subject || "(no subject)";
  const prefix = `@${handle}`;
  const rest = subject.toLowerCase().startsWith(prefix.toLowerCase()) ? subject.slice(prefix.length).replace(/^[\s,:]+/, "") : subject;
  return rest || subject || "(no subject)";
}
