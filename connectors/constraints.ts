import { textLength } from "./text/length.js";
import type { Connector, OutgoingPost } from "./types.js";

export type ViolationCode =
  | "text_too_long"
  | "text_required"
  | "media_required"
  | "too_many_media"
  | "media_type_not_allowed"
  | "threads_not_supported"
  | "media_not_supported"
  | "too_many_hashtags";

export interface Violation {
  code: ViolationCode;
  message: string;
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
    out.push({ code: "too_many_media", message: `${name} allows ${media.maxCount} media items per post.` });
  for (const item of items) {
    if (!(item.mimeType in media.types)) out.push({ code: "media_type_not_allowed", message: `${name} does not accept ${item.mimeType}.` });
  }
  if (post.inReplyTo && !connector.capabilities.publishThread)
    out.push({ code: "threads_not_supported", message: `${name} has no threads.` });
  const hashtags = post.text.match(HASHTAG)?.length ?? 0;
  if (maxHashtags !== undefined && hashtags > maxHashtags)
    out.push({ code: "too_many_hashtags", message: `${name} allows ${maxHashtags} hashtags.` });
  return out;
}
