import { createHash } from "node:crypto";
import { ConnectorError } from "../errors.js";
import { firstUrl, toArticle } from "../text/article.js";
import type { ConnectorClient, ConnectorContext, FeedStore } from "../types.js";
import { decodeCursor, encodeCursor, seenKey } from "./cursor.js";
import { parseFeedEntries } from "./entries.js";
import { fetchFeed } from "./fetchFeed.js";
import { toFeedProfile, toInboundItem } from "./mapping.js";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** The same idempotency key always makes the same item id: publishing again returns the item already there. */
const itemIdFor = (idempotencyKey: string) => createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 22);

/**
 * An `rss` account reads the feed at its address (a listening source) and publishes to the feed Switchboard
 * hosts for it at /feeds/<handle>.rss and .atom. Either may be unused: an account without an address only
 * hosts, and one that never publishes only reads.
 */
export function createRssClient(context: ConnectorContext): ConnectorClient {
  const feedUrl = context.account.url ?? context.account.baseUrl;
  const now = context.now ?? (() => new Date());

  const requireFeedUrl = () => {
    if (!feedUrl) throw new ConnectorError("rejected", "RSS: this account has no feed address to read.", { network: "rss" });
    return feedUrl;
  };
  const requireStore = (): FeedStore => {
    if (!context.feedStore)
      throw new ConnectorError("rejected", "RSS: this account's feed is not hosted by Switchboard.", { network: "rss" });
    return context.feedStore;
  };

  return {
    async verifyCredentials() {
      const handle = context.account.handle;
      if (!feedUrl) return { externalId: `switchboard-feed:${handle ?? ""}`, handle: handle ?? "", displayName: handle ?? "", url: null };
      const fetched = await fetchFeed(context.http, feedUrl);
      if (fetched.status !== "ok")
        throw new ConnectorError("unavailable", "RSS: the feed answered 304 to a plain request.", { network: "rss" });
      return toFeedProfile(parseFeedEntries(fetched.body, fetched.url), fetched.url, handle);
    },

    async publish(post, { idempotencyKey }) {
      const article = toArticle(post.text);
      const link = firstUrl(post.text);
      const stored = await requireStore().put({
        itemId: itemIdFor(idempotencyKey),
        title: article.title,
        html: article.html,
        text: article.text,
        link,
      });
      return { remoteId: stored.itemId, url: stored.url };
    },

    async delete(remoteId) {
      await requireStore().remove(remoteId);
    },

    /**
     * The feed's items newest first. The cursor is not an older page (feeds have none) but what was seen:
     * pass `nextCursor` back on the next poll to get only new items; an unchanged feed answers 304 and
     * the page is empty. The first read returns the newest `limit` items and counts the rest as seen.
     */
    async readMentions(cursor, options) {
      const url = requireFeedUrl();
      const limit = Math.max(1, Math.min(MAX_LIMIT, options?.limit ?? DEFAULT_LIMIT));
      const state = decodeCursor(cursor);
      const fetched = await fetchFeed(context.http, url, state ?? {});
      if (fetched.status === "not_modified") return { items: [], nextCursor: cursor };
      const feed = parseFeedEntries(fetched.body, fetched.url);
      const seen = new Set(state?.seen ?? []);
      const fresh = state ? feed.entries.filter((e) => !seen.has(seenKey(e.id))) : feed.entries;
      const page = fresh.slice(0, limit);
      const items = page.map((entry) => toInboundItem(entry, feed, fetched.url, now()));
      const everything = feed.entries.map((e) => seenKey(e.id));
      // More new items than the page holds (after the first read): count only the returned ones as seen and
      // drop the validators, so the next poll fetches the whole feed and returns the rest.
      const nextCursor =
        state && fresh.length > page.length
          ? encodeCursor([...page.map((e) => seenKey(e.id)), ...seen], {})
          : encodeCursor(everything, fetched.validators);
      return { items, nextCursor };
    },
  };
}
