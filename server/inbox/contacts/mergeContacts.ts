import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, badRequest, notFound } from "../../errors.js";

/**
 * Recognises two contacts as one person: `sourceId`'s identities, conversations and messages move to
 * `intoId`, and the source keeps a pointer to it (links to it still resolve). New messages from any of
 * the moved identities then arrive on the merged contact. Audited; one transaction.
 */
export async function mergeContacts(
  db: Database,
  audit: AuditActor,
  sourceId: string,
  intoId: string,
  options: { rowLocks?: boolean } = {},
): Promise<void> {
  if (sourceId === intoId) throw badRequest("merge_into_self", "A contact cannot be merged into itself.");
  await db.transaction().execute(async (trx) => {
    // With concurrent writers (PostgreSQL), both rows are locked in id order: A→B and B→A at once would
    // otherwise both pass the checks below and leave each contact merged into the other. The second then
    // waits, reads the first's result and is refused. (SQLite has one writer at a time.)
    const query = trx
      .selectFrom("inbox_contacts")
      .select(["id", "display_name", "merged_into"])
      .where("id", "in", [sourceId, intoId])
      .orderBy("id");
    const rows = options.rowLocks ? await query.forUpdate().execute() : await query.execute();
    const source = rows.find((r) => r.id === sourceId);
    const into = rows.find((r) => r.id === intoId);
    if (!source) throw notFound("Contact", "contact_not_found");
    if (!into) throw new AppError(404, "merge_target_not_found", "The contact to merge into was not found.");
    if (source.merged_into) throw new AppError(409, "already_merged", "This contact was already merged into another.");
    if (into.merged_into) throw new AppError(409, "target_merged", "That contact was itself merged into another: merge into that one.");
    const now = new Date().toISOString();
    const moved = await trx
      .updateTable("inbox_identities")
      .set({ contact_id: intoId })
      .where("contact_id", "=", sourceId)
      .executeTakeFirst();
    await trx.updateTable("inbox_conversations").set({ contact_id: intoId, updated_at: now }).where("contact_id", "=", sourceId).execute();
    await trx.updateTable("inbox_messages").set({ contact_id: intoId }).where("contact_id", "=", sourceId).execute();
    await trx.updateTable("inbox_contacts").set({ merged_into: intoId, updated_at: now }).where("id", "=", sourceId).execute();
    // Contacts merged into the source earlier follow it.
    await trx.updateTable("inbox_contacts").set({ merged_into: intoId, updated_at: now }).where("merged_into", "=", sourceId).execute();
    await recordAudit(trx, audit, {
      action: "inbox.contact.merged",
      targetType: "inbox_contact",
      targetId: intoId,
      summary: `Merged the contact “${source.display_name}” into “${into.display_name}”`,
      changes: { mergedContactId: sourceId, identitiesMoved: Number(moved.numUpdatedRows) },
    });
  });
}
