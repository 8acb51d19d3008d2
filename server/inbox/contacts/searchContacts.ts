import { sql } from "kysely";
import type { Database } from "../../db/database.js";

export interface ContactMatch {
  id: string;
  displayName: string;
  identities: { network: string; externalId: string; handle: string | null }[];
  conversations: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Contacts (not merged away) whose name, handle or network id contains `q`, ignoring case: for choosing
 * whom to merge a contact with. Names first, then handles; at most `limit`.
 */
export async function searchContacts(
  db: Database,
  q: string,
  options: { excludeId?: string | undefined; limit: number },
): Promise<ContactMatch[]> {
  const pattern = `%${escapeLike(q.trim().toLowerCase())}%`;
  const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  let query = db
    .selectFrom("inbox_contacts")
    .select(["inbox_contacts.id", "inbox_contacts.display_name"])
    .where("inbox_contacts.merged_into", "is", null)
    .where((eb) =>
      eb.or([
        like("inbox_contacts.display_name"),
        eb.exists(
          eb
            .selectFrom("inbox_identities")
            .select("inbox_identities.id")
            .whereRef("inbox_identities.contact_id", "=", "inbox_contacts.id")
            .where((i) =>
              i.or([like("inbox_identities.handle"), like("inbox_identities.external_id"), like("inbox_identities.display_name")]),
            ),
        ),
      ]),
    );
  if (options.excludeId) query = query.where("inbox_contacts.id", "!=", options.excludeId);
  const contacts = await query.orderBy("inbox_contacts.display_name").orderBy("inbox_contacts.id").limit(options.limit).execute();
  if (contacts.length === 0) return [];
  const ids = contacts.map((c) => c.id);
  const identities = await db
    .selectFrom("inbox_identities")
    .select(["contact_id", "network", "external_id", "handle"])
    .where("contact_id", "in", ids)
    .orderBy("created_at")
    .execute();
  const counts = await db
    .selectFrom("inbox_conversations")
    .select((eb) => ["contact_id", eb.fn.countAll<number>().as("n")])
    .where("contact_id", "in", ids)
    .groupBy("contact_id")
    .execute();
  return contacts.map((c) => ({
    id: c.id,
    displayName: c.display_name,
    identities: identities
      .filter((i) => i.contact_id === c.id)
      .map((i) => ({ network: i.network, externalId: i.external_id, handle: i.handle })),
    conversations: Number(counts.find((n) => n.contact_id === c.id)?.n ?? 0),
  }));
}
