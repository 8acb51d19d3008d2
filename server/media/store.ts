import type { Database } from "../db/database.js";
import { contentUrlOf, type MediaViewType, type PostMediaViewType } from "./schema.js";

/** One media item with its uploader and how many posts use it. */
export async function findMedia(db: Database, id: string): Promise<MediaViewType | undefined> {
  const row = await db
    .selectFrom("media")
    .leftJoin("users", "users.id", "media.uploader_id")
    .selectAll("media")
    .select("users.name as uploader_name")
    .select((eb) =>
      eb.selectFrom("post_media").select(eb.fn.countAll<number>().as("n")).whereRef("post_media.media_id", "=", "media.id").as("used_by"),
    )
    .where("media.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    mimeType: row.mime_type,
    byteSize: Number(row.byte_size),
    width: row.width,
    height: row.height,
    alt: row.alt_text,
    sha256: row.sha256,
    uploader: row.uploader_id ? { id: row.uploader_id, name: row.uploader_name ?? "" } : null,
    createdAt: row.created_at,
    url: contentUrlOf(row.id),
    usedBy: Number(row.used_by ?? 0),
  };
}

/** Each post's attachments, in order. */
export async function mediaOfPosts(db: Database, postIds: readonly string[]): Promise<Map<string, PostMediaViewType[]>> {
  const out = new Map<string, PostMediaViewType[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom("post_media")
    .innerJoin("media", "media.id", "post_media.media_id")
    .select(["post_media.post_id", "media.id", "media.mime_type", "media.alt_text", "media.width", "media.height", "media.byte_size"])
    .where("post_media.post_id", "in", postIds)
    .orderBy("post_media.post_id")
    .orderBy("post_media.position")
    .execute();
  for (const r of rows) {
    const list = out.get(r.post_id) ?? [];
    list.push({
      id: r.id,
      mimeType: r.mime_type,
      alt: r.alt_text,
      width: r.width,
      height: r.height,
      byteSize: Number(r.byte_size),
      url: contentUrlOf(r.id),
    });
    out.set(r.post_id, list);
  }
  return out;
}
