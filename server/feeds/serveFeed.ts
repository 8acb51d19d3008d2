import { createHash } from "node:crypto";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";
import { type FeedInfo, renderAtom, renderRss } from "./render.js";
import { feedLastChangedAt, findPublishedFeedAccount, listLiveFeedItems } from "./store.js";
import { feedUrls } from "./urls.js";

export type FeedFormat = "rss" | "atom";

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

export interface RenderedFeed {
  body: string;
  etag: string;
  lastModified: Date;
}

/** An account's hosted feed, ready to send; 404 `feed_not_found` when there is no such published feed. */
export async function renderFeed(services: Services, slug: string, format: FeedFormat): Promise<RenderedFeed> {
  const { db } = services;
  const account = await findPublishedFeedAccount(db, slug);
  if (!account) {
    throw new AppError(404, "feed_not_found", `There is no published feed named "${slug.slice(0, 100)}".`, {
      help: "A feed appears at /feeds/<handle>.rss once its RSS account has published something.",
    });
  }
  const [items, changedAt] = await Promise.all([listLiveFeedItems(db, account.id), feedLastChangedAt(db, account.id)]);
  const urls = feedUrls(services.config.baseUrl, account.handle_key);
  const lastModified = changedAt ?? new Date(0);
  const info: FeedInfo = {
    accountId: account.id,
    title: account.display_name || account.handle,
    description: account.purpose || `Posts from ${account.display_name || account.handle}`,
    link: account.url ?? urls.rss,
    urls,
    updatedAt: lastModified,
  };
  const body = format === "rss" ? renderRss(info, items) : renderAtom(info, items);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag, lastModified };
}
