import type { Database } from "../../db/database.js";

export const HELD_STATUSES = ["waiting", "sending", "sent", "returned"] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

export interface HeldReplyView {
  id: string;
  conversation: { id: string; subject: string };
  text: string;
  status: HeldStatus;
  /** The lead's comment when sent back. */
  comment: string | null;
  findings: { source: string; ruleId: string; level: string; reason: string }[];
  author: { id: string; name: string } | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  /** The outbound message, once sent. */
  messageId: string | null;
  createdAt: string;
}

function baseQuery(db: Database) {
  return db
    .selectFrom("inbox_held_replies as h")
    .innerJoin("inbox_conversations as c", "c.id", "h.conversation_id")
    .leftJoin("users as a", "a.id", "h.author_user_id")
    .leftJoin("users as d", "d.id", "h.decided_by")
    .select([
      "h.id",
      "h.conversation_id",
      "c.subject",
      "h.text",
      "h.status",
      "h.comment",
      "h.findings",
      "h.author_user_id",
      "a.name as author_name",
      "h.decided_by",
      "d.name as decider_name",
      "h.decided_at",
      "h.message_id",
      "h.created_at",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

const present = (r: Row): HeldReplyView => ({
  id: r.id,
  conversation: { id: r.conversation_id, subject: r.subject },
  text: r.text,
  status: r.status as HeldStatus,
  comment: r.comment,
  findings: JSON.parse(r.findings) as HeldReplyView["findings"],
  author: r.author_user_id && r.author_name ? { id: r.author_user_id, name: r.author_name } : null,
  decidedBy: r.decided_by && r.decider_name ? { id: r.decided_by, name: r.decider_name } : null,
  decidedAt: r.decided_at,
  messageId: r.message_id,
  createdAt: r.created_at,
});

export async function presentHeldReply(db: Database, id: string): Promise<HeldReplyView | undefined> {
  const row = await baseQuery(db).where("h.id", "=", id).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** What leads work through: the replies waiting, oldest first. */
export async function listHeldReplies(db: Database, status: HeldStatus, limit: number): Promise<HeldReplyView[]> {
  const rows = await baseQuery(db).where("h.status", "=", status).orderBy("h.created_at").orderBy("h.id").limit(limit).execute();
  return rows.map(present);
}

/** A conversation's held replies not sent (waiting, or sent back), newest first: what its author sees. */
export async function heldRepliesOf(db: Database, conversationId: string): Promise<HeldReplyView[]> {
  const rows = await baseQuery(db)
    .where("h.conversation_id", "=", conversationId)
    .where("h.status", "in", ["waiting", "sending", "returned"])
    .orderBy("h.created_at", "desc")
    .limit(20)
    .execute();
  return rows.map(present);
}
