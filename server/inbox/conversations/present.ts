import type { Selectable } from "kysely";
import type { Database } from "../../db/database.js";
import type { InboxConversationsTable } from "../../db/schema.js";
import { type SlaBadge, slaBadges } from "../sla/present.js";
import { type ConversationStatus, parseTags } from "./model.js";

/** The columns a summary is made of (what `listConversations` selects). */
export const SUMMARY_COLUMNS = [
  "id",
  "account_id",
  "network",
  "kind",
  "contact_id",
  "subject",
  "status",
  "priority",
  "team_id",
  "assignee_id",
  "tags",
  "sentiment",
  "intent",
  "topic",
  "message_count",
  "last_message_at",
  "snoozed_until",
  "sla_due_at",
  "sla_warn_at",
] as const;

export type SummaryRow = Selectable<Pick<InboxConversationsTable, (typeof SUMMARY_COLUMNS)[number]>>;

export interface ConversationSummary {
  id: string;
  account: { id: string; network: string; handle: string | null };
  kind: "mention" | "comment" | "message" | "email";
  subject: string;
  status: ConversationStatus;
  priority: "low" | "normal" | "high" | "urgent";
  team: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  tags: string[];
  sentiment: string | null;
  intent: string | null;
  topic: string | null;
  messageCount: number;
  lastMessageAt: string;
  snoozedUntil: string | null;
  contact: { id: string; displayName: string } | null;
  /** The SLA clock due next (none while paused or without a policy). */
  sla: SlaBadge | null;
}

const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/** id → name of the rows among `ids` (one query per table, only for the page's rows). */
async function namesOf(db: Database, table: "teams" | "users", ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom(table).select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Summaries for a page of conversations: the channel, team, assignee and contact names are looked up
 * for these rows only (four small `id in (…)` queries), never joined into the list query, so the list
 * keeps walking its index and stopping after a page.
 */
export async function presentSummaries(db: Database, rows: readonly SummaryRow[]): Promise<ConversationSummary[]> {
  if (rows.length === 0) return [];
  const accountIds = distinct(rows.map((r) => r.account_id));
  const contactIds = distinct(rows.map((r) => r.contact_id));
  const [accounts, contacts, teams, users, badges] = await Promise.all([
    db.selectFrom("accounts").select(["id", "handle"]).where("id", "in", accountIds).execute(),
    contactIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom("inbox_contacts").select(["id", "display_name"]).where("id", "in", contactIds).execute(),
    namesOf(db, "teams", distinct(rows.map((r) => r.team_id))),
    namesOf(db, "users", distinct(rows.map((r) => r.assignee_id))),
    slaBadges(db, rows),
  ]);
  const handles = new Map(accounts.map((a) => [a.id, a.handle]));
  const contactNames = new Map(contacts.map((c) => [c.id, c.display_name]));
  const named = (id: string | null, names: Map<string, string>) => {
    const name = id === null ? undefined : names.get(id);
    return id !== null && name !== undefined ? { id, name } : null;
  };
  return rows.map((r) => {
    const contactName = r.contact_id === null ? undefined : contactNames.get(r.contact_id);
    return {
      id: r.id,
      account: { id: r.account_id, network: r.network, handle: handles.get(r.account_id) ?? null },
      kind: r.kind as ConversationSummary["kind"],
      subject: r.subject,
      status: r.status as ConversationStatus,
      priority: r.priority as ConversationSummary["priority"],
      team: named(r.team_id, teams),
      assignee: named(r.assignee_id, users),
      tags: parseTags(r.tags),
      sentiment: r.sentiment,
      intent: r.intent,
      topic: r.topic,
      messageCount: Number(r.message_count),
      lastMessageAt: r.last_message_at,
      snoozedUntil: r.snoozed_until,
      contact: r.contact_id !== null && contactName !== undefined ? { id: r.contact_id, displayName: contactName } : null,
      sla: badges.get(r.id) ?? null,
    };
  });
}

/** One conversation's summary, or undefined. */
export async function findSummary(db: Database, id: string): Promise<ConversationSummary | undefined> {
  const row = await db.selectFrom("inbox_conversations").select(SUMMARY_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? (await presentSummaries(db, [row]))[0] : undefined;
}
