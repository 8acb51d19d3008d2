import { imageSize } from "image-size";
import { AppError } from "../errors.js";
import { UPLOAD_TYPES, type UploadType } from "./schema.js";

const TYPE_OF: Readonly<Record<string, UploadType>> = { png: "image/png", jpg: "image/jpeg", gif: "image/gif", webp: "image/webp" };
const ACCEPTED = "PNG, JPEG, GIF or WebP";
const NAME: Readonly<Record<UploadType, string>> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP" };
const isUploadType = (type: string): type is UploadType => (UPLOAD_TYPES as readonly string[]).includes(type);

export interface SniffedImage {
  mimeType: UploadType;
  width: number;
  height: number;
}

/**
 * What the bytes really are, from their magic numbers and header (image-size), never from what the
 * client said: a file declared as PNG must be a PNG. SVG and every other type are refused, since a
 * browser could run what an SVG holds.
 */
export function sniffImage(bytes: Uint8Array, declared: string): SniffedImage {
  if (!isUploadType(declared))
    throw new AppError(415, "media_type_not_allowed", `Upload a ${ACCEPTED} image; ${declared || "this type"} is not accepted.`);
  let found: { type?: string | undefined; width?: number | undefined; height?: number | undefined };
  try {
    found = imageSize(bytes);
  } catch {
    throw new AppError(400, "media_unreadable", `This file is not a ${ACCEPTED} image that can be read.`);
  }
  const actual = found.type ? TYPE_OF[found.type] : undefined;
  if (!actual)
    throw new AppError(415, "media_type_not_allowed", `This file is ${found.type ?? "of an unknown type"}: upload a ${ACCEPTED} image.`);
  if (actual !== declared)
    throw new AppError(415, "media_type_mismatch", `This file was sent as a ${NAME[declared]} image but is a ${NAME[actual]}.`, {
      details: { declared, actual },
    });
  if (!found.width || !found.height) throw new AppError(400, "media_unreadable", "This image has no size.");
  return { mimeType: actual, width: found.width, height: found.height };
}
