import { textLength } from "./text/length.js";
import type { Connector, MediaItem, OutgoingPost } from "./types.js";

export type ViolationCode =
  | "text_too_long"
  | "text_required"
  | "media_required"
  | "too_many_media"
  | "media_type_not_allowed"
  | "threads_not_supported"
  | "media_not_supported"
  | "too_many_hashtags"
  | "media_too_large"
  | "alt_text_required"
  | "alt_text_too_long";

export interface Violation {
  code: ViolationCode;
  message: string;
  /** What was counted and the network's limit, for a limit that was passed (characters, items, bytes). */
  count?: number;
  limit?: number;
}

const HASHTAG = /(^|\s)#[\p{L}\p{N}_]+/gu;

/** Checks a post against a network's declared limits, counted the network's way. Empty list: publishable. */
export function checkPost(connector: Pick<Connector, "constraints" | "capabilities" | "displayName">, post: OutgoingPost): Violation[] {
  const { text, media, maxHashtags } = connector.constraints;
  const name = connector.displayName;
  const out: Violation[] = [];
  const length = textLength(post.text, text.counting);
  if (length > text.maxLength)
    out.push({ code: "text_too_long", message: `${name} allows ${text.maxLength} characters; this text counts ${length}.` });
  if (length === 0 && !text.optional && (post.media?.length ?? 0) === 0)
    out.push({ code: "text_required", message: `${name} needs text.` });
  const items = post.media ?? [];
  if (items.length > 0 && !connector.capabilities.publishMedia)
    out.push({ code: "media_not_supported", message: `Switchboard cannot publish media to ${name} yet.` });
  if (media.required && items.length === 0) out.push({ code: "media_required", message: `${name} needs at least one image or video.` });
  if (items.length > media.maxCount)
    out.push({
      code: "too_many_media",
      message: `${name} allows ${media.maxCount} ${media.maxCount === 1 ? "image or video" : "images or videos"} per post; this post has ${items.length}.`,
      count: items.length,
      limit: media.maxCount,
    });
  for (const [index, item] of items.entries())
    out.push(...checkMediaItem(connector, item, items.length > 1 ? ` (image ${index + 1})` : ""));
  if (post.inReplyTo && !connector.capabilities.publishThread)
    out.push({ code: "threads_not_supported", message: `${name} has no threads.` });
  const hashtags = post.text.match(HASHTAG)?.length ?? 0;
  if (maxHashtags !== undefined && hashtags > maxHashtags)
    out.push({ code: "too_many_hashtags", message: `${name} allows ${maxHashtags} hashtags.` });
  return out;
}

const bytes = (n: number) => `${n.toLocaleString("en")} bytes`;

/** One attachment against the network's types, sizes and alt text rules; `where` names it in a message. */
function checkMediaItem(connector: Pick<Connector, "constraints" | "displayName">, item: MediaItem, where: string): Violation[] {
  const { media } = connector.constraints;
  const name = connector.displayName;
  const out: Violation[] = [];
  const maxBytes = media.types[item.mimeType];
  if (maxBytes === undefined) {
    out.push({ code: "media_type_not_allowed", message: `${name} does not accept ${item.mimeType}${where}.` });
  } else {
    const size = item.bytes?.byteLength ?? item.byteSize;
    if (size !== undefined && size > maxBytes)
      out.push({
        code: "media_too_large",
        message: `${name} accepts ${item.mimeType} files up to ${bytes(maxBytes)}; this one has ${bytes(size)}${where}.`,
        count: size,
        limit: maxBytes,
      });
  }
  const alt = item.altText?.trim() ?? "";
  if (media.altText?.required && alt === "")
    out.push({ code: "alt_text_required", message: `${name} needs a description (alt text) for each image${where}.` });
  const altLength = textLength(alt, "graphemes");
  if (media.altText && altLength > media.altText.maxLength)
    out.push({
      code: "alt_text_too_long",
      message: `${name} allows ${media.altText.maxLength} characters of alt text; this one has ${altLength}${where}.`,
      count: altLength,
      limit: media.altText.maxLength,
    });
  return out;
}
