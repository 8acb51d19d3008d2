import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, conflict, notFound } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import type { MediaStorage } from "./storage.js";

/** The uploader may change or delete their file; social leads (accounts.manage) anyone's, as with posts. */
async function ownMedia(db: Database, actor: Actor, id: string) {
  const row = await db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("The image", "media_not_found");
  if (row.uploader_id !== actor.user.id && !actor.permissions.has("accounts.manage"))
    throw new AppError(403, "forbidden", "Only the person who uploaded this image or a social lead can change it.");
  return row;
}

export async function setMediaAlt(db: Database, actor: Actor, audit: AuditActor, id: string, alt: string): Promise<void> {
  const row = await ownMedia(db, actor, id);
  if (row.alt_text === alt) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("media").set({ alt_text: alt }).where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "media.alt_changed",
      targetType: "media",
      targetId: id,
      summary: alt ? "Described an image (alt text)" : "Removed an image's alt text",
      changes: { alt: [row.alt_text, alt] },
    });
  });
}

/** Deletes an image no post uses; the file goes after the row, so a failure never leaves a row without its file. */
export async function deleteMedia(db: Database, storage: MediaStorage, actor: Actor, audit: AuditActor, id: string): Promise<void> {
  const row = await ownMedia(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const used = await trx.selectFrom("post_media").select("post_id").where("media_id", "=", id).execute();
    if (used.length > 0)
      throw conflict(
        "media_in_use",
        `This image is attached to ${used.length === 1 ? "a post" : `${used.length} posts`}: remove it there first.`,
      );
    await trx.deleteFrom("media").where("id", "=", id).execute();
    await recordAudit(trx, audit, { action: "media.deleted", targetType: "media", targetId: id, summary: "Deleted an image" });
  });
  await storage.delete(row.storage_key);
}
