import type BetterSqlite3 from "better-sqlite3";
import type { Database } from "../../db/database.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { compareKeys, inChunks } from "./chunks.js";
import { insertRows, prepared } from "./sqliteInsert.js";
import type { InboundEvent } from "./types.js";

const keyOf = (network: string, externalId: string) => `${network}\u0000${externalId}`;

/**
 * The contact behind each author of the batch (key: network + author id), creating a contact and its
 * identity for authors never seen. The identity's unique (network, external id) decides between two
 * ingesters meeting the same new author: the loser's contact is removed and the winner's used.
 * `sqlite`: the embedded database's connection, whose prepared statements then do the inserts.
 */
export async function resolveContacts(
  trx: Database,
  events: readonly InboundEvent[],
  now: string,
  sqlite?: BetterSqlite3.Database,
): Promise<Map<string, string>> {
  const authors = new Map<string, InboundEvent["author"] & { network: string }>();
  for (const e of events) authors.set(keyOf(e.network, e.author.externalId), { ...e.author, network: e.network });
  const contacts = new Map<string, string>();
  const networks = [...new Set(events.map((e) => e.network))];
  const lookUp = async (keys: string[]) => {
    if (sqlite) {
      // One prepared lookup per author by the identities' unique key: cheaper than building 500-key IN lists.
      const find = prepared(
        sqlite,
        "select i.contact_id, c.merged_into from inbox_identities i join inbox_contacts c on c.id = i.contact_id where i.network = ? and i.external_id = ?",
      );
      for (const key of keys) {
        const a = authors.get(key);
        const row = a && (find.get(a.network, a.externalId) as { contact_id: string; merged_into: string | null } | undefined);
        if (row) contacts.set(key, row.merged_into ?? row.contact_id);
      }
      return;
    }
    await inChunks(keys, async (chunk) => {
      const rows = await trx
        .selectFrom("inbox_identities")
        .innerJoin("inbox_contacts", "inbox_contacts.id", "inbox_identities.contact_id")
        .select(["inbox_identities.network", "inbox_identities.external_id", "inbox_identities.contact_id", "inbox_contacts.merged_into"])
        .where("inbox_identities.network", "in", networks)
        .where(
          "inbox_identities.external_id",
          "in",
          chunk.map((k) => authors.get(k)?.externalId ?? ""),
        )
        .execute();
      for (const r of rows) contacts.set(keyOf(r.network, r.external_id), r.merged_into ?? r.contact_id);
    });
  };
  await lookUp([...authors.keys()]);
  const unseen = [...authors.entries()].filter(([key]) => !contacts.has(key));
  if (unseen.length === 0) return contacts;
  // In unique-key order (network, author id), as every ingester inserts identities: no deadlock between two.
  const created = unseen
    .map(([key, a]) => ({ key, a, contactId: timeOrderedId() }))
    .sort((x, y) => compareKeys(x.a.network, x.a.externalId, y.a.network, y.a.externalId));
  await inChunks(created, async (chunk) => {
    const contactRows = chunk.map((c) => ({
      id: c.contactId,
      display_name: c.a.displayName || c.a.handle || c.a.externalId,
      merged_into: null,
      created_at: now,
      updated_at: now,
    }));
    const identityRows = chunk.map((c) => ({
      id: timeOrderedId(),
      contact_id: c.contactId,
      network: c.a.network,
      external_id: c.a.externalId,
      handle: c.a.handle,
      display_name: c.a.displayName,
      created_at: now,
    }));
    let won: { contact_id: string }[];
    if (sqlite) {
      insertRows(sqlite, "inbox_contacts", contactRows);
      const stored = insertRows(sqlite, "inbox_identities", identityRows, ["network", "external_id"]);
      won = identityRows.filter((_, i) => stored[i]);
    } else {
      await trx.insertInto("inbox_contacts").values(contactRows).execute();
      won = await trx
        .insertInto("inbox_identities")
        .values(identityRows)
        .onConflict((oc) => oc.columns(["network", "external_id"]).doNothing())
        .returning("contact_id")
        .execute();
    }
    const winners = new Set(won.map((w) => w.contact_id));
    const lost = chunk.filter((c) => !winners.has(c.contactId));
    for (const c of chunk) if (winners.has(c.contactId)) contacts.set(c.key, c.contactId);
    if (lost.length > 0) {
      await trx
        .deleteFrom("inbox_contacts")
        .where(
          "id",
          "in",
          lost.map((c) => c.contactId),
        )
        .execute();
      await lookUp(lost.map((c) => c.key));
    }
  });
  return contacts;
}

export { keyOf as authorKey };
