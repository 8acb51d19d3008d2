import { ConnectorError } from "../../connectors/errors.js";
import type { MediaItem } from "../../connectors/types.js";
import type { Database } from "../db/database.js";
import { AppError, badRequest } from "../errors.js";
import { contentUrlOf, MAX_POST_MEDIA } from "./schema.js";
import { type MediaStorage, readAll } from "./storage.js";

/**
 * The images a post is to carry, in order, as the checks see them (type, size, alt text; no bytes).
 * Unknown ids are a 404, repeats a 400.
 */
export async function mediaItemsFor(db: Database, ids: readonly string[], baseUrl: string): Promise<MediaItem[]> {
  if (ids.length === 0) return [];
  if (new Set(ids).size !== ids.length) throw badRequest("duplicate_media", "Each image can be attached to a post only once.");
  if (ids.length > MAX_POST_MEDIA)
    throw badRequest("too_many_media", `A post can carry at most ${MAX_POST_MEDIA} images; this one has ${ids.length}.`);
  const rows = await db.selectFrom("media").select(["id", "mime_type", "byte_size", "alt_text"]).where("id", "in", ids).execute();
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new AppError(404, "media_not_found", `Image ${id} was not found: upload it again.`, { details: { mediaId: id } });
    return { url: `${baseUrl}${contentUrlOf(id)}`, mimeType: row.mime_type, byteSize: Number(row.byte_size), altText: row.alt_text };
  });
}

/** The ids of a post's images, in order. */
export async function mediaIdsOf(db: Database, postId: string): Promise<string[]> {
  const rows = await db.selectFrom("post_media").select("media_id").where("post_id", "=", postId).orderBy("position").execute();
  return rows.map((r) => r.media_id);
}

/** Replaces a post's attachments with `ids`, in that order (call it in the post's transaction). */
export async function writePostMedia(trx: Database, postId: string, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom("post_media").where("post_id", "=", postId).execute();
  if (ids.length > 0)
    await trx
      .insertInto("post_media")
      .values(ids.map((media_id, position) => ({ post_id: postId, media_id, position })))
      .execute();
}

/**
 * A post's images as a connector takes them, with their bytes read from storage (networks upload them;
 * the URL needs a signed-in user, so it is only a name for the file). Empty when the post has none.
 */
export async function mediaForPublishing(
  db: Database,
  storage: MediaStorage,
  post: { postId: string; network: string },
  baseUrl: string,
): Promise<MediaItem[]> {
  const rows = await db
    .selectFrom("post_media")
    .innerJoin("media", "media.id", "post_media.media_id")
    .select(["media.id", "media.storage_key", "media.mime_type", "media.alt_text", "media.byte_size"])
    .where("post_media.post_id", "=", post.postId)
    .orderBy("post_media.position")
    .execute();
  const items: MediaItem[] = [];
  for (const row of rows) {
    const stream = await storage.get(row.storage_key);
    // A lost file (DATA_DIR restored without media/) cannot come back by retrying: the post fails, with the reason.
    if (!stream)
      throw new ConnectorError("rejected", `The file of image ${row.id} is missing from Switchboard's media storage.`, {
        network: post.network,
      });
    const bytes = await readAll(stream);
    items.push({
      url: `${baseUrl}${contentUrlOf(row.id)}`,
      mimeType: row.mime_type,
      ...(row.alt_text ? { altText: row.alt_text } : {}),
      bytes,
      byteSize: bytes.byteLength,
    });
  }
  return items;
}
