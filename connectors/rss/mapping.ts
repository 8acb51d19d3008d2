import { htmlToText } from "../text/html.js";
import type { InboundItem, Profile } from "../types.js";
import type { FeedEntry, ParsedFeed } from "./entries.js";

/** A feed item for the inbox: its title and text, by its author or else by the feed. */
export function toInboundItem(entry: FeedEntry, feed: ParsedFeed, feedUrl: string, now: Date): InboundItem {
  const body = entry.body ? ("html" in entry.body ? htmlToText(entry.body.html) : entry.body.text.trim()) : "";
  const title = entry.title?.trim() ?? "";
  // Microblog feeds repeat the text as the title.
  const text = title === "" || body.startsWith(title) ? body || title : body === "" ? title : `${title}\n\n${body}`;
  return {
    remoteId: entry.id,
    kind: "mention",
    text,
    createdAt: entry.date ?? now,
    author: { externalId: entry.author ?? feedUrl, handle: null, displayName: entry.author ?? feed.title },
    url: entry.link,
    inReplyTo: null,
  };
}

export const toFeedProfile = (feed: ParsedFeed, feedUrl: string, handle: string | undefined): Profile => ({
  externalId: feedUrl,
  handle: handle ?? feedUrl,
  displayName: feed.title ?? feedUrl,
  url: feed.link ?? feedUrl,
});
