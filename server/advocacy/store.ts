import { stringify } from "csv-stringify/sync";
import type { ExpressionBuilder } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import { notFound } from "../errors.js";
import type { LinkTables } from "../links/tables.js";
import { type AdvocacyNetwork, intentUrl, isExpired, parseList } from "./model.js";
import type { ItemSharesView, ItemView, PeopleView, ShareView } from "./schema.js";
import type { AdvocacyDb, AdvocacyItemsTable, AdvocacyTables, ShareStatus } from "./tables.js";

type Item = z.infer<typeof ItemView>;
type Eb = ExpressionBuilder<DB & LinkTables & AdvocacyTables, "advocacy_shares">;

/** Counted clicks on a share's own short link, read from the raw clicks (written within a second) rather than the hourly rollup. */
const clicksOf = (eb: Eb) =>
  eb
    .selectFrom("link_clicks")
    .select((e) => e.fn.countAll<number | string>().as("n"))
    .whereRef("link_clicks.link_id", "=", "advocacy_shares.link_id")
    .as("clicks");

function shareRows(db: AdvocacyDb) {
  return db
    .selectFrom("advocacy_shares")
    .innerJoin("users", "users.id", "advocacy_shares.user_id")
    .leftJoin("links", "links.id", "advocacy_shares.link_id")
    .select((eb) => [
      "advocacy_shares.id",
      "advocacy_shares.item_id",
      "advocacy_shares.user_id",
      "advocacy_shares.network",
      "advocacy_shares.instance",
      "advocacy_shares.text",
      "advocacy_shares.status",
      "advocacy_shares.created_at",
      "advocacy_shares.shared_at",
      "users.name as user_name",
      "users.email as user_email",
      "links.code as link_code",
      clicksOf(eb),
    ]);
}
type ShareRow = Awaited<ReturnType<ReturnType<typeof shareRows>["execute"]>>[number];

function presentItem(
  row: AdvocacyItemsTable & { creator_name: string | null; creator_email: string | null },
  shares: ShareRow[],
  me: string,
  now: number,
): Item {
  const ofItem = shares.filter((s) => s.item_id === row.id);
  const shared = ofItem.filter((s) => s.status === "shared");
  return {
    id: row.id,
    title: row.title,
    suggestedText: row.suggested_text,
    url: row.url,
    topics: parseList(row.topics),
    networks: parseList(row.networks) as AdvocacyNetwork[],
    disclosure: row.disclosure,
    expiresAt: row.expires_at,
    status: isExpired(row.expires_at, now) ? "expired" : "active",
    createdBy: row.created_by && row.creator_name ? { id: row.created_by, name: row.creator_name, email: row.creator_email ?? "" } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    shares: shared.length,
    people: new Set(shared.map((s) => s.user_id)).size,
    clicks: ofItem.reduce((n, s) => n + Number(s.clicks ?? 0), 0),
    mine: ofItem
      .filter((s) => s.user_id === me && s.status !== "cancelled")
      .map((s) => ({
        id: s.id,
        network: s.network as AdvocacyNetwork,
        status: s.status,
        sharedAt: s.shared_at,
        clicks: Number(s.clicks ?? 0),
      })),
  };
}

function itemRows(db: AdvocacyDb) {
  return db
    .selectFrom("advocacy_items")
    .leftJoin("users", "users.id", "advocacy_items.created_by")
    .selectAll("advocacy_items")
    .select(["users.name as creator_name", "users.email as creator_email"]);
}

/** Items newest first, with everyone's share and click counts and the reader's own shares. */
export async function listItems(
  db: AdvocacyDb,
  me: string,
  query: { status: "active" | "expired" | "all"; topic?: string | undefined },
): Promise<{ items: Item[]; topics: string[] }> {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  let q = itemRows(db).orderBy("advocacy_items.created_at", "desc").orderBy("advocacy_items.id");
  if (query.status === "active") q = q.where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", nowIso)]));
  if (query.status === "expired") q = q.where("expires_at", "<=", nowIso);
  const rows = await q.execute();
  const topics = [...new Set(rows.flatMap((r) => parseList(r.topics)))].sort((a, b) => a.localeCompare(b));
  const wanted = query.topic?.toLowerCase();
  const listed = wanted ? rows.filter((r) => parseList(r.topics).some((t) => t.toLowerCase() === wanted)) : rows;
  const ids = listed.map((r) => r.id);
  const shares = ids.length ? await shareRows(db).where("advocacy_shares.item_id", "in", ids).execute() : [];
  return { items: listed.map((r) => presentItem(r, shares, me, now)), topics };
}

export async function getItem(db: AdvocacyDb, me: string, id: string): Promise<Item> {
  const row = await itemRows(db).where("advocacy_items.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("That item", "advocacy_item_not_found");
  const shares = await shareRows(db).where("advocacy_shares.item_id", "=", id).execute();
  return presentItem(row, shares, me, Date.now());
}

const person = (s: ShareRow) => ({ id: s.user_id, name: s.user_name, email: s.user_email });

/** For leads: every share of an item (newest first) and the totals per person. */
export async function itemShares(db: AdvocacyDb, me: string, id: string, baseUrl: string): Promise<z.infer<typeof ItemSharesView>> {
  const item = await getItem(db, me, id);
  const shares = await shareRows(db).where("advocacy_shares.item_id", "=", id).orderBy("advocacy_shares.created_at", "desc").execute();
  const people = new Map<string, { person: ReturnType<typeof person>; shares: number; clicks: number }>();
  for (const s of shares) {
    const entry = people.get(s.user_id) ?? { person: person(s), shares: 0, clicks: 0 };
    if (s.status === "shared") entry.shares++;
    entry.clicks += Number(s.clicks ?? 0);
    people.set(s.user_id, entry);
  }
  return {
    item,
    shares: shares.map((s) => ({
      id: s.id,
      person: person(s),
      network: s.network as AdvocacyNetwork,
      status: s.status,
      shortUrl: s.link_code ? `${baseUrl}/l/${s.link_code}` : null,
      createdAt: s.created_at,
      sharedAt: s.shared_at,
      clicks: Number(s.clicks ?? 0),
    })),
    people: [...people.values()].sort((a, b) => b.clicks - a.clicks || b.shares - a.shares || a.person.name.localeCompare(b.person.name)),
  };
}

/** For leads: every person who has shared, across all items, by clicks then shares. */
export async function peopleTotals(db: AdvocacyDb): Promise<z.infer<typeof PeopleView>> {
  const shares = await shareRows(db).where("advocacy_shares.status", "<>", "cancelled").execute();
  const people = new Map<string, { person: ReturnType<typeof person>; shares: number; items: Set<string>; clicks: number }>();
  for (const s of shares) {
    const entry = people.get(s.user_id) ?? { person: person(s), shares: 0, items: new Set<string>(), clicks: 0 };
    if (s.status === "shared") {
      entry.shares++;
      entry.items.add(s.item_id);
    }
    entry.clicks += Number(s.clicks ?? 0);
    people.set(s.user_id, entry);
  }
  return {
    people: [...people.values()]
      .map((p) => ({ person: p.person, shares: p.shares, items: p.items.size, clicks: p.clicks }))
      .sort((a, b) => b.clicks - a.clicks || b.shares - a.shares || a.person.name.localeCompare(b.person.name)),
  };
}

/** One of the reader's own shares, with the compose URL to open. */
export async function getShare(db: AdvocacyDb, me: string, id: string, baseUrl: string): Promise<z.infer<typeof ShareView>> {
  const s = await shareRows(db).where("advocacy_shares.id", "=", id).where("advocacy_shares.user_id", "=", me).executeTakeFirst();
  if (!s) throw notFound("That share", "advocacy_share_not_found");
  const network = s.network as AdvocacyNetwork;
  return {
    id: s.id,
    itemId: s.item_id,
    network,
    instance: s.instance,
    text: s.text,
    status: s.status as ShareStatus,
    shortUrl: s.link_code ? `${baseUrl}/l/${s.link_code}` : null,
    intentUrl: intentUrl(network, s.text, s.instance),
    createdAt: s.created_at,
    sharedAt: s.shared_at,
    clicks: Number(s.clicks ?? 0),
  };
}

// Spreadsheets run cells that start like a formula; a leading quote keeps them text (as accounts/csv.ts does).
const defuse = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Every share as CSV (one row per share, oldest first), for reports outside Switchboard. */
export async function sharesCsv(db: AdvocacyDb, baseUrl: string): Promise<string> {
  const rows = await shareRows(db)
    .innerJoin("advocacy_items", "advocacy_items.id", "advocacy_shares.item_id")
    .select(["advocacy_items.title as item_title"])
    .orderBy("advocacy_shares.created_at")
    .orderBy("advocacy_shares.id")
    .execute();
  return stringify(
    rows.map((r) => [
      defuse(r.item_title),
      defuse(r.user_name),
      defuse(r.user_email),
      r.network,
      r.status,
      r.created_at,
      r.shared_at ?? "",
      r.link_code ? `${baseUrl}/l/${r.link_code}` : "",
      Number(r.clicks ?? 0),
    ]),
    { header: true, columns: ["item", "employee", "email", "network", "status", "prepared_at", "shared_at", "short_link", "clicks"] },
  );
}
