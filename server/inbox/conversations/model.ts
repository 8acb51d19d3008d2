/** A conversation's states: `snoozed` comes back as `open` when a new message arrives (ingestion). */
export const CONVERSATION_STATUSES = ["open", "pending", "snoozed", "resolved"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_KINDS = ["mention", "comment", "message", "email"] as const;

/** in: from the public; out: a reply sent; note: internal, never sent. */
export const MESSAGE_DIRECTIONS = ["in", "out", "note"] as const;

/** The conversation view shows this much of each message; `GET /api/inbox/messages/:id` gives it whole. */
export const DISPLAY_TEXT_LIMIT = 5000;

/** The conversation view carries at most this many messages (the latest), so a thread of thousands stays one answer. */
export const VIEW_MESSAGE_LIMIT = 500;

/** A contact's other conversations shown beside one. */
export const HISTORY_LIMIT = 20;

export const parseTags = (stored: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
};
