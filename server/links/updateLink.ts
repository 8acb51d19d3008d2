import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { badRequest, notFound } from "../errors.js";
import { UTM_FIELDS, validateDestination } from "./destination.js";
import type { UpdateLinkInput } from "./schema.js";
import { coreDb, type LinksDb, type LinksTable } from "./tables.js";

/**
 * Changes where a link goes, until when, its UTM values, or archives it (the 404 page, clicks kept).
 * Clicks already recorded keep the values they were recorded with. Returns the code, so the caller
 * can evict it from the redirect's cache.
 */
export async function updateLink(db: LinksDb, audit: AuditActor, id: string, input: UpdateLinkInput, baseUrl: string): Promise<string> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("links").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw notFound("That link", "link_not_found");
    const set: Partial<LinksTable> = {};
    if (input.destination !== undefined) set.destination = validateDestination(input.destination, baseUrl).href;
    if (input.expiresAt !== undefined) {
      if (input.expiresAt !== null && Date.parse(input.expiresAt) <= Date.now()) {
        throw badRequest("link_expiry_in_past", "The expiry must be in the future.");
      }
      set.expires_at = input.expiresAt === null ? null : new Date(input.expiresAt).toISOString();
    }
    if (input.archived !== undefined) set.archived_at = input.archived ? (before.archived_at ?? now) : null;
    for (const field of UTM_FIELDS) {
      const value = input.utm?.[field];
      if (value !== undefined) set[`utm_${field}` as const] = value;
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [key, value] of Object.entries(set) as [keyof LinksTable, unknown][]) {
      if (before[key] !== value) changes[key] = [before[key], value];
    }
    if (Object.keys(changes).length === 0) return before.code;
    await trx
      .updateTable("links")
      .set({ ...set, updated_at: now })
      .where("id", "=", id)
      .execute();
    const archivedNow = input.archived === true && before.archived_at === null;
    await recordAudit(coreDb(trx), audit, {
      action: archivedNow ? "links.archived" : "links.updated",
      targetType: "link",
      targetId: id,
      summary: archivedNow ? `Archived short link /l/${before.code}` : `Changed short link /l/${before.code}`,
      changes,
    });
    return before.code;
  });
}
