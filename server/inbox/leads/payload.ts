import type { Database } from "../../db/database.js";

/** How much of the customer's first message goes with a lead. */
const FIRST_MESSAGE_CHARS = 2000;

/**
 * The JSON a sales webhook receives for a lead (a public contract: add fields, never rename):
 * `{ event: "lead.created", deliveryId, sentAt, lead: {…}, conversation: {…} }`. `deliveryId` is the
 * same on every retry of one delivery, so a receiver can drop a repeat.
 */
export async function leadPayload(db: Database, conversationId: string, deliveryId: string, sentAt: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom("inbox_leads as l")
    .innerJoin("inbox_conversations as c", "c.id", "l.conversation_id")
    .leftJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("inbox_contacts as p", "p.id", "c.contact_id")
    .leftJoin("users as u", "u.id", "l.marked_by")
    .select([
      "l.name",
      "l.company",
      "l.email",
      "l.note",
      "l.marked_at",
      "u.name as marked_by",
      "c.id",
      "c.subject",
      "c.network",
      "c.kind",
      "a.handle",
      "c.contact_id",
      "p.display_name",
    ])
    .where("l.conversation_id", "=", conversationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [first, identities] = await Promise.all([
    db
      .selectFrom("inbox_messages")
      .select(["text", "sent_at", "url"])
      .where("conversation_id", "=", conversationId)
      .where("direction", "=", "in")
      .orderBy("sent_at")
      .limit(1)
      .executeTakeFirst(),
    row.contact_id
      ? db.selectFrom("inbox_identities").select(["network", "handle", "external_id"]).where("contact_id", "=", row.contact_id).execute()
      : Promise.resolve([]),
  ]);
  return JSON.stringify({
    event: "lead.created",
    deliveryId,
    sentAt: sentAt.toISOString(),
    lead: {
      name: row.name,
      company: row.company,
      email: row.email,
      note: row.note,
      markedAt: row.marked_at,
      markedBy: row.marked_by ?? null,
    },
    conversation: {
      id: row.id,
      subject: row.subject,
      kind: row.kind,
      channel: { network: row.network, handle: row.handle ?? null },
      contact: row.contact_id
        ? {
            displayName: row.display_name ?? null,
            identities: identities.map((i) => ({ network: i.network, handle: i.handle, externalId: i.external_id })),
          }
        : null,
      firstMessage: first ? { text: first.text.slice(0, FIRST_MESSAGE_CHARS), sentAt: first.sent_at, url: first.url } : null,
    },
  });
}
