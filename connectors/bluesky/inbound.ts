import { z } from "zod";
import type { InboundItem } from "../types.js";
import { postUrl } from "./endpoints.js";
import { POST_COLLECTION, parseRecordUri } from "./mapping.js";

/** Notification reasons the inbox reads: someone wrote to or about the account (not likes, follows or reposts). */
export const INBOX_REASONS = ["mention", "reply", "quote"] as const;

const ref = z.object({ uri: z.string() });
/** The parts of an `app.bsky.feed.post` record the inbox keeps; anything else in it is ignored. */
const postRecord = z.object({
  text: z.string().default(""),
  createdAt: z.string().optional(),
  reply: z.object({ root: ref, parent: ref }).optional(),
});

/** What a notification and a search result (a PostView) have in common. */
export interface PostLike {
  uri: string;
  author: { did: string; handle: string; displayName?: string | undefined };
  record: unknown;
  indexedAt: string;
}

const validDate = (value: string | undefined): Date | null => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/**
 * A post for the inbox. A reply under one of the account's own posts is a comment on that post (threaded by
 * the root); anything else (a mention, a quote, a reply deeper in someone else's thread) is a mention that
 * answers its parent and hangs on its root, so later replies join the conversation it started.
 * Returns null for anything that is not a post (skipped, so one odd record cannot stop a page).
 */
export function toInboundItem(post: PostLike, ownDid: string | null): InboundItem | null {
  let address: ReturnType<typeof parseRecordUri>;
  try {
    address = parseRecordUri(post.uri);
  } catch {
    return null;
  }
  if (address.collection !== POST_COLLECTION) return null;
  const record = postRecord.safeParse(post.record);
  if (!record.success) return null;
  const { reply, text, createdAt } = record.data;
  const rootIsOurs = reply !== undefined && ownDid !== null && reply.root.uri.startsWith(`at://${ownDid}/`);
  return {
    remoteId: post.uri,
    kind: rootIsOurs ? "comment" : "mention",
    text,
    // The time the author's app claims, unless it is missing or nonsense; then when Bluesky saw it.
    createdAt: validDate(createdAt) ?? validDate(post.indexedAt) ?? new Date(),
    author: { externalId: post.author.did, handle: post.author.handle, displayName: post.author.displayName?.trim() || null },
    url: postUrl(address.repo, address.rkey),
    inReplyTo: reply?.parent.uri ?? null,
    threadRoot: reply?.root.uri ?? null,
  };
}
