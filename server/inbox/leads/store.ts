import type { Database } from "../../db/database.js";

export const DELIVERY_STATUSES = ["not_sent", "pending", "retrying", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface LeadView {
  conversationId: string;
  subject: string;
  channel: { network: string; handle: string | null };
  contact: { id: string; displayName: string } | null;
  name: string;
  company: string;
  email: string;
  note: string;
  markedBy: { id: string; name: string } | null;
  markedAt: string;
  updatedAt: string;
  delivery: { status: DeliveryStatus; attempts: number; lastError: string | null; sentAt: string | null };
}

function baseQuery(db: Database) {
  return db
    .selectFrom("inbox_leads as l")
    .innerJoin("inbox_conversations as c", "c.id", "l.conversation_id")
    .leftJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("inbox_contacts as p", "p.id", "c.contact_id")
    .leftJoin("users as u", "u.id", "l.marked_by")
    .select([
      "l.conversation_id",
      "c.subject",
      "c.network",
      "a.handle",
      "c.contact_id",
      "p.display_name",
      "l.name",
      "l.company",
      "l.email",
      "l.note",
      "l.marked_by",
      "u.name as marker_name",
      "l.marked_at",
      "l.updated_at",
      "l.delivery_status",
      "l.attempts",
      "l.last_error",
      "l.sent_at",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

const present = (r: Row): LeadView => ({
  conversationId: r.conversation_id,
  subject: r.subject,
  channel: { network: r.network, handle: r.handle ?? null },
  contact: r.contact_id && r.display_name !== null ? { id: r.contact_id, displayName: r.display_name } : null,
  name: r.name,
  company: r.company,
  email: r.email,
  note: r.note,
  markedBy: r.marked_by && r.marker_name ? { id: r.marked_by, name: r.marker_name } : null,
  markedAt: r.marked_at,
  updatedAt: r.updated_at,
  delivery: { status: r.delivery_status as DeliveryStatus, attempts: r.attempts, lastError: r.last_error, sentAt: r.sent_at },
});

export async function findLead(db: Database, conversationId: string): Promise<LeadView | undefined> {
  const row = await baseQuery(db).where("l.conversation_id", "=", conversationId).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** Leads newest first, optionally marked in [from, to). */
export async function listLeads(db: Database, options: { from?: string | undefined; to?: string | undefined; limit: number }) {
  let query = baseQuery(db);
  if (options.from) query = query.where("l.marked_at", ">=", options.from);
  if (options.to) query = query.where("l.marked_at", "<", options.to);
  const rows = await query.orderBy("l.marked_at", "desc").orderBy("l.conversation_id").limit(options.limit).execute();
  return rows.map(present);
}
