import { type Agent, type AppBskyFeedDefs, AppBskyFeedDefs as FeedDefs } from "@atproto/api";
import type { InboundItem, Page } from "../types.js";
import { toInboundItem } from "./inbound.js";

/** How deep a thread is read: the AppView allows up to 1,000 levels; conversations under a post rarely pass a few dozen. */
const THREAD_DEPTH = 100;
const DEFAULT_PAGE = 50;

function flatten(thread: AppBskyFeedDefs.ThreadViewPost, did: string, out: InboundItem[]) {
  for (const reply of thread.replies ?? []) {
    // Blocked and deleted replies come back as other kinds of node, without a post to show.
    if (!FeedDefs.isThreadViewPost(reply)) continue;
    const item = toInboundItem(reply.post, did);
    if (item) out.push({ ...item, kind: "comment" });
    flatten(reply, did, out);
  }
}

/**
 * Every reply under one of the account's posts, at any depth, newest first, from app.bsky.feed.getPostThread.
 * The thread comes whole (the AppView does not page it), so the cursor is an offset into the flattened list.
 * Each reply's id is its at:// URI, as when the same reply arrives as a notification: the inbox keeps one.
 */
export async function readBlueskyComments(
  agent: Agent,
  did: string,
  remoteId: string,
  cursor: string | null,
  limit = DEFAULT_PAGE,
): Promise<Page<InboundItem>> {
  const { data } = await agent.app.bsky.feed.getPostThread({ uri: remoteId, depth: THREAD_DEPTH, parentHeight: 0 });
  const items: InboundItem[] = [];
  if (FeedDefs.isThreadViewPost(data.thread)) flatten(data.thread, did, items);
  items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.remoteId < b.remoteId ? 1 : -1));
  const start = Math.max(0, Number(cursor ?? 0) || 0);
  const size = Math.max(1, Math.min(100, limit));
  const end = start + size;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}
