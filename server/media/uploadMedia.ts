import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { sniffImage } from "./sniff.js";
import { type MediaStorage, newMediaKey } from "./storage.js";

/**
 * Stores an uploaded image and records it. The file is written first: if recording fails, the file
 * is removed again; a crash between the two leaves a file no row names (harmless, and a sweep can find it).
 */
export async function uploadMedia(
  db: Database,
  storage: MediaStorage,
  actor: Actor,
  audit: AuditActor,
  upload: { bytes: Buffer; declaredType: string; alt?: string | undefined },
): Promise<string> {
  if (upload.bytes.byteLength === 0) throw new AppError(400, "media_empty", "The upload is empty: send the image's bytes as the body.");
  const image = sniffImage(upload.bytes, upload.declaredType);
  const id = randomUUID();
  const key = newMediaKey();
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  await storage.put(key, Readable.from([upload.bytes]));
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("media")
        .values({
          id,
          uploader_id: actor.user.id,
          storage_key: key,
          mime_type: image.mimeType,
          byte_size: upload.bytes.byteLength,
          width: image.width,
          height: image.height,
          alt_text: upload.alt ?? "",
          sha256,
          created_at: new Date().toISOString(),
        })
        .execute();
      await recordAudit(trx, audit, {
        action: "media.uploaded",
        targetType: "media",
        targetId: id,
        summary: `Uploaded a ${image.width}×${image.height} ${image.mimeType} image (${upload.bytes.byteLength.toLocaleString("en")} bytes)`,
        changes: { sha256 },
      });
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
  return id;
}
