import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { badRequest, conflict, notFound } from "../errors.js";
import { validateDestination } from "../links/destination.js";
import type { Services } from "../services.js";
import { assertShareable, checkShare } from "./checkShare.js";
import { isExpired, parseList } from "./model.js";
import type { ItemInput } from "./schema.js";
import { advocacyDb, coreDb } from "./tables.js";

const itemNotFound = () => notFound("That item", "advocacy_item_not_found");

/** What is stored: the link checked as the links area would, topics tidied, the suggested text shareable as it is. */
async function prepare(services: Services, input: ItemInput) {
  const { baseUrl } = services.config;
  const url = input.url ? validateDestination(input.url, baseUrl).href : null;
  const topics = [...new Map(input.topics.map((t) => [t.toLowerCase(), t])).values()];
  const networks = [...new Set(input.networks)];
  // A curated text employees could not share unchanged helps nobody: its error findings stop the save.
  const checked = await checkShare(services, { url, disclosure: input.disclosure }, networks, input.suggestedText, baseUrl);
  assertShareable(checked, networks[0] ?? "linkedin");
  return {
    title: input.title,
    suggested_text: input.suggestedText,
    url,
    topics: JSON.stringify(topics),
    networks: JSON.stringify(networks),
    disclosure: input.disclosure,
    expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
  };
}

export async function createItem(services: Services, audit: AuditActor, input: ItemInput): Promise<string> {
  if (input.expiresAt && isExpired(input.expiresAt)) throw badRequest("advocacy_expiry_in_past", "The expiry must be in the future.");
  const values = await prepare(services, input);
  const id = randomUUID();
  const now = new Date().toISOString();
  const db = advocacyDb(services.db);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("advocacy_items")
      .values({ id, ...values, created_by: audit.actorId, created_at: now, updated_at: now })
      .execute();
    await recordAudit(coreDb(trx), audit, {
      action: "advocacy.item_created",
      targetType: "advocacy_item",
      targetId: id,
      summary: `Curated “${input.title}” for employees to share (disclosure ${input.disclosure})`,
      changes: { networks: parseList(values.networks), topics: parseList(values.topics), url: values.url, expiresAt: values.expires_at },
    });
  });
  return id;
}

/** Saves every field; an expiry may be moved to the future again (the item is shareable again) but not into the past. */
export async function updateItem(services: Services, audit: AuditActor, id: string, input: ItemInput): Promise<void> {
  const db = advocacyDb(services.db);
  const before = await db.selectFrom("advocacy_items").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw itemNotFound();
  const values = await prepare(services, input);
  if (values.expires_at && values.expires_at !== before.expires_at && isExpired(values.expires_at)) {
    throw badRequest("advocacy_expiry_in_past", "The expiry must be in the future; use Expire now to end sharing.");
  }
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(values) as (keyof typeof values)[]) {
    if (before[key] !== values[key]) changes[key] = [before[key], values[key]];
  }
  if (Object.keys(changes).length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("advocacy_items")
      .set({ ...values, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(coreDb(trx), audit, {
      action: "advocacy.item_updated",
      targetType: "advocacy_item",
      targetId: id,
      summary: `Changed the shareable item “${input.title}”`,
      changes,
    });
  });
}

/** Ends sharing now. Links already shared keep working: the posts are out there. */
export async function expireItem(services: Services, audit: AuditActor, id: string): Promise<void> {
  const db = advocacyDb(services.db);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("advocacy_items").select(["title", "expires_at"]).where("id", "=", id).executeTakeFirst();
    if (!before) throw itemNotFound();
    if (isExpired(before.expires_at)) throw conflict("advocacy_item_expired", "This item has already expired.");
    const now = new Date().toISOString();
    await trx.updateTable("advocacy_items").set({ expires_at: now, updated_at: now }).where("id", "=", id).execute();
    await recordAudit(coreDb(trx), audit, {
      action: "advocacy.item_expired",
      targetType: "advocacy_item",
      targetId: id,
      summary: `Expired the shareable item “${before.title}”: employees can no longer share it`,
      changes: { expiresAt: [before.expires_at, now] },
    });
  });
}
