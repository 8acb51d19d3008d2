import { sql } from "kysely";
import type { Database } from "../../db/database.js";
import { DISPLAY_TEXT_LIMIT, HISTORY_LIMIT, VIEW_MESSAGE_LIMIT } from "./model.js";
import { type ConversationSummary, findSummary } from "./present.js";

export interface InboxMessageView {
  id: string;
  conversationId: string;
  direction: "in" | "out" | "note";
  text: string;
  truncated: boolean;
  length: number;
  sentAt: string;
  url: string | null;
  sentiment: string | null;
  intent: string | null;
  topic: string | null;
  author: { kind: "contact"; id: string; displayName: string; handle: string | null } | { kind: "user"; id: string; name: string } | null;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  direction: string;
  contact_id: string | null;
  author_user_id: string | null;
  text: string;
  length: number;
  url: string | null;
  sentiment: string | null;
  intent: string | null;
  topic: string | null;
  sent_at: string;
}

/**
 * The message columns, with the text cut to `limit` characters by the database (a message may be a
 * megabyte; the view needs 5,000 characters of it). `substr` and `length` count characters (code
 * points) on both SQLite and PostgreSQL, so a cut never splits one.
 */
const messageQuery = (db: Database, limit: number | null) =>
  db
    .selectFrom("inbox_messages")
    .select([
      "id",
      "conversation_id",
      "direction",
      "contact_id",
      "author_user_id",
      "url",
      "sentiment",
      "intent",
      "topic",
      "sent_at",
      limit === null ? "text" : sql<string>`substr(${sql.ref("text")}, 1, ${sql.lit(limit)})`.as("text"),
      sql<number>`length(${sql.ref("text")})`.as("length"),
    ]);

/** A contact as it is now: one that was merged into another is shown as that one (a few hops at most). */
async function currentContacts(db: Database, ids: string[]) {
  const found = new Map<string, { id: string; display_name: string }>();
  let pending = [...new Set(ids)];
  const asked = new Map(pending.map((id) => [id, id]));
  for (let hop = 0; hop < 5 && pending.length > 0; hop++) {
    const rows = await db.selectFrom("inbox_contacts").select(["id", "display_name", "merged_into"]).where("id", "in", pending).execute();
    const next: string[] = [];
    for (const row of rows) {
      for (const [original, current] of asked) {
        if (current !== row.id || found.has(original)) continue;
        if (row.merged_into && hop < 4) {
          asked.set(original, row.merged_into);
          next.push(row.merged_into);
        } else found.set(original, { id: row.id, display_name: row.display_name });
      }
    }
    pending = [...new Set(next)];
  }
  return found;
}

async function presentMessages(db: Database, rows: MessageRow[], network: string | null, cut: number | null): Promise<InboxMessageView[]> {
  const contacts = await currentContacts(
    db,
    rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])),
  );
  const contactIds = [...new Set([...contacts.values()].map((c) => c.id))];
  const identities =
    contactIds.length === 0
      ? []
      : await db
          .selectFrom("inbox_identities")
          .select(["contact_id", "network", "handle", "display_name"])
          .where("contact_id", "in", contactIds)
          .orderBy("created_at")
          .execute();
  const userIds = [...new Set(rows.flatMap((r) => (r.author_user_id ? [r.author_user_id] : [])))];
  const users =
    userIds.length === 0
      ? new Map<string, string>()
      : new Map((await db.selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute()).map((u) => [u.id, u.name]));
  const authorOf = (r: MessageRow): InboxMessageView["author"] => {
    if (r.direction === "in") {
      const contact = r.contact_id ? contacts.get(r.contact_id) : undefined;
      if (!contact) return null;
      const own = identities.filter((i) => i.contact_id === contact.id);
      const identity = own.find((i) => i.network === network) ?? own[0];
      return {
        kind: "contact",
        id: contact.id,
        displayName: identity?.display_name ?? contact.display_name,
        handle: identity?.handle ?? null,
      };
    }
    const name = r.author_user_id ? users.get(r.author_user_id) : undefined;
    return r.author_user_id && name !== undefined ? { kind: "user", id: r.author_user_id, name } : null;
  };
  return rows.map((r) => {
    const length = Number(r.length);
    return {
      id: r.id,
      conversationId: r.conversation_id,
      direction: r.direction as InboxMessageView["direction"],
      text: r.text,
      truncated: cut !== null && length > cut,
      length,
      sentAt: r.sent_at,
      url: r.url,
      sentiment: r.sentiment,
      intent: r.intent,
      topic: r.topic,
      author: authorOf(r),
    };
  });
}

/** One message with its whole text, or undefined. */
export async function findMessage(db: Database, id: string): Promise<InboxMessageView | undefined> {
  const row = await messageQuery(db, null).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const conversation = await db
    .selectFrom("inbox_conversations")
    .select("network")
    .where("id", "=", row.conversation_id)
    .executeTakeFirst();
  return (await presentMessages(db, [row], conversation?.network ?? null, null))[0];
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: InboxMessageView[];
  contact: {
    id: string;
    displayName: string;
    identities: { network: string; externalId: string; handle: string | null }[];
    history: { id: string; subject: string; status: ConversationSummary["status"]; lastMessageAt: string }[];
  } | null;
}

/** A conversation with its (latest) messages oldest first, each cut for display, and who wrote in. */
export async function findConversationDetail(db: Database, id: string): Promise<ConversationDetail | undefined> {
  const conversation = await findSummary(db, id);
  if (!conversation) return undefined;
  const latest = await messageQuery(db, DISPLAY_TEXT_LIMIT)
    .where("conversation_id", "=", id)
    .orderBy("sent_at", "desc")
    .orderBy("id", "desc")
    .limit(VIEW_MESSAGE_LIMIT)
    .execute();
  const messages = await presentMessages(db, latest.reverse(), conversation.account.network, DISPLAY_TEXT_LIMIT);
  return { conversation, messages, contact: conversation.contact ? await contactDetail(db, conversation.contact.id, id) : null };
}

async function contactDetail(db: Database, contactId: string, conversationId: string): Promise<ConversationDetail["contact"]> {
  const contact = (await currentContacts(db, [contactId])).get(contactId);
  if (!contact) return null;
  const [identities, history] = await Promise.all([
    db
      .selectFrom("inbox_identities")
      .select(["network", "external_id", "handle"])
      .where("contact_id", "=", contact.id)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("inbox_conversations")
      .select(["id", "subject", "status", "last_message_at"])
      .where("contact_id", "in", [...new Set([contactId, contact.id])])
      .where("id", "!=", conversationId)
      .orderBy("last_message_at", "desc")
      .orderBy("id", "desc")
      .limit(HISTORY_LIMIT)
      .execute(),
  ]);
  return {
    id: contact.id,
    displayName: contact.display_name,
    identities: identities.map((i) => ({ network: i.network, externalId: i.external_id, handle: i.handle })),
    history: history.map((h) => ({
      id: h.id,
      subject: h.subject,
      status: h.status as ConversationSummary["status"],
      lastMessageAt: h.last_message_at,
    })),
  };
}
