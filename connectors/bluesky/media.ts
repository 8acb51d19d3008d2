import type { Agent, AppBskyEmbedImages } from "@atproto/api";
import { ConnectorError } from "../errors.js";
import type { HttpClient } from "../http/types.js";
import type { MediaItem } from "../types.js";
import { NETWORK } from "./errors.js";

/** Bluesky's image limit. Current lexicons allow 2 MB, but PDSes on older versions still refuse more than 1 MB. */
export const MAX_IMAGE_BYTES = 1_000_000;
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
export const MAX_IMAGES = 4;

const rejected = (message: string) => new ConnectorError("rejected", message, { network: NETWORK });

/**
 * Bluesky does not fetch media itself: Switchboard uploads each image as a blob, downloading it first (through
 * the one HttpClient) unless its bytes are at hand. Blobs are content-addressed, so uploading again on a retry stores nothing new.
 */
export async function uploadImages(agent: Agent, http: HttpClient, media: readonly MediaItem[]): Promise<AppBskyEmbedImages.Image[]> {
  if (media.length > MAX_IMAGES) throw rejected(`Bluesky allows ${MAX_IMAGES} images per post.`);
  const images: AppBskyEmbedImages.Image[] = [];
  for (const [index, item] of media.entries()) {
    const bytes = await download(http, item, index + 1);
    const { data } = await agent.com.atproto.repo.uploadBlob(bytes, { encoding: item.mimeType });
    images.push({ $type: "app.bsky.embed.images#image", image: data.blob, alt: item.altText ?? "" });
  }
  return images;
}

async function download(http: HttpClient, item: MediaItem, position: number): Promise<Uint8Array> {
  if (!(IMAGE_TYPES as readonly string[]).includes(item.mimeType))
    throw rejected(`Bluesky accepts JPEG, PNG, WebP and GIF images; image ${position} is ${item.mimeType}.`);
  const bytes = item.bytes ?? (await fetchImage(http, item, position));
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    throw rejected(
      `Bluesky accepts images up to ${MAX_IMAGE_BYTES.toLocaleString("en")} bytes; image ${position} has ${bytes.byteLength.toLocaleString("en")}.`,
    );
  return bytes;
}

async function fetchImage(http: HttpClient, item: MediaItem, position: number): Promise<Uint8Array> {
  // Errors name the position, never the URL: a signed media URL is a secret.
  const res = await http.request({ method: "GET", url: item.url, operation: "bluesky.downloadMedia", headers: { accept: item.mimeType } });
  if (res.status >= 500)
    throw new ConnectorError("unavailable", `Image ${position} could not be downloaded (HTTP ${res.status}).`, {
      network: NETWORK,
      status: res.status,
    });
  if (res.status < 200 || res.status >= 300) throw rejected(`Image ${position} could not be downloaded (HTTP ${res.status}).`);
  return res.bytes;
}
