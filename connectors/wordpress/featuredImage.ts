import type { Caller } from "../call.js";
import { parseBody } from "../call.js";
import { ConnectorError } from "../errors.js";
import { isSuccess } from "../statusErrors.js";
import type { HttpClient, MediaItem } from "../types.js";
import { media as mediaSchema } from "./mapping.js";

const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
};

/** A file name WordPress will accept in Content-Disposition: from the URL's last segment, else "image.<ext>". */
export function fileNameFor(item: MediaItem): string {
  const extension = EXTENSIONS[item.mimeType] ?? "bin";
  const last = decodeURIComponent(new URL(item.url).pathname.split("/").pop() ?? "");
  const base = last
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "image"}.${extension}`;
}

async function download(http: HttpClient, item: MediaItem): Promise<Uint8Array> {
  const res = await http.request({
    method: "GET",
    url: item.url,
    headers: { accept: item.mimeType },
    network: "wordpress",
    operation: "media.fetch",
  });
  if (!isSuccess(res)) {
    throw new ConnectorError("rejected", `WordPress: the image at ${new URL(item.url).host} could not be fetched (HTTP ${res.status}).`, {
      network: "wordpress",
      status: res.status,
    });
  }
  return res.bytes;
}

/**
 * Uploads the image as an attachment (`POST /wp/v2/media` with the raw file) and returns its id, to be
 * the post's featured image. The alt text rides along as a query parameter, which WordPress reads like
 * any other field of the request.
 */
export async function uploadFeaturedImage(call: Caller, http: HttpClient, api: (path: string) => URL, item: MediaItem): Promise<number> {
  const bytes = item.bytes ?? (await download(http, item));
  const res = await call({
    method: "POST",
    url: api("wp/v2/media"),
    query: item.altText ? { alt_text: item.altText } : undefined,
    headers: { "content-type": item.mimeType, "content-disposition": `attachment; filename="${fileNameFor(item)}"` },
    bytes,
    // Repeating an upload only leaves a spare copy in the media library; the post itself is not sent yet.
    idempotent: true,
    operation: "media.upload",
  });
  return parseBody(mediaSchema, res, "wordpress").id;
}
