import type { AuditActor } from "../audit/context.js";
import { AppError } from "../errors.js";
import { createLink, insertLink, randomCode, resolveLink } from "./createLink.js";
import { isOwnShortLink } from "./destination.js";
import type { LinksDb } from "./tables.js";

export interface ShortenInput {
  text: string;
  campaignId?: string | null | undefined;
  accountId?: string | null | undefined;
  postId?: string | null | undefined;
}

export interface ShortenedLink {
  url: string;
  linkId: string;
  code: string;
  shortUrl: string;
  /** False when an existing link for the same destination, post, channel and campaign was reused. */
  created: boolean;
}

// Written by hand: twitter-text's extractor accepts only top-level domains on its own list (a new TLD or
// a test domain would stay untracked), and only explicit http(s) addresses are links we may rewrite.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`\u00a0]+/gi;
const TRAILING = /[.,;:!?'"”’»)\]}]+$/;

/** The http(s) addresses in a text, without the punctuation that usually ends a sentence around them. */
export function findUrls(text: string): { url: string; start: number; end: number }[] {
  const found: { url: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    // Keep a closing bracket that closes one opened inside the URL (Wikipedia-style paths).
    while (TRAILING.test(url)) {
      const last = url.at(-1) ?? "";
      const opener = { ")": "(", "]": "[", "}": "{" }[last];
      if (opener && url.split(opener).length >= url.split(last).length) break;
      url = url.slice(0, -1);
    }
    found.push({ url, start: match.index, end: match.index + url.length });
  }
  return found;
}

/**
 * What the composer does to a post's text before it goes to a channel: every http(s) address becomes a
 * tracked short link for that post, channel and campaign, with the campaign's UTM preset applied. Calling
 * it again for the same post and channel reuses the links it made (a retry makes no duplicates). Addresses
 * that cannot be links (a user name in them, too long) and our own short links are left as they are.
 */
export async function shortenPostLinks(
  db: LinksDb,
  audit: AuditActor,
  input: ShortenInput,
  baseUrl: string,
): Promise<{ text: string; links: ShortenedLink[] }> {
  const urls = findUrls(input.text);
  const byUrl = new Map<string, ShortenedLink | null>();
  const now = Date.now();
  for (const { url } of urls) {
    if (byUrl.has(url)) continue;
    if (isOwnShortLink(url, baseUrl)) {
      byUrl.set(url, null);
      continue;
    }
    const request = { destination: url, campaignId: input.campaignId, accountId: input.accountId, postId: input.postId };
    let values: Awaited<ReturnType<typeof resolveLink>>;
    try {
      values = await resolveLink(db, request, baseUrl, now);
    } catch (err) {
      if (err instanceof AppError && err.code.startsWith("link_destination")) {
        byUrl.set(url, null);
        continue;
      }
      throw err;
    }
    const reuse = await db
      .selectFrom("links")
      .select(["id", "code"])
      .where("destination", "=", values.destination)
      .where("archived_at", "is", null)
      .where("expires_at", "is", null)
      .where((eb) => (values.post_id ? eb("post_id", "=", values.post_id) : eb("post_id", "is", null)))
      .where((eb) => (values.account_id ? eb("account_id", "=", values.account_id) : eb("account_id", "is", null)))
      .where((eb) => (values.campaign_id ? eb("campaign_id", "=", values.campaign_id) : eb("campaign_id", "is", null)))
      .orderBy("created_at")
      .executeTakeFirst();
    if (reuse) {
      byUrl.set(url, { url, linkId: reuse.id, code: reuse.code, shortUrl: `${baseUrl}/l/${reuse.code}`, created: false });
      continue;
    }
    const created = await createLinkFromValues(db, audit, values, request, baseUrl);
    byUrl.set(url, { url, linkId: created.id, code: created.code, shortUrl: `${baseUrl}/l/${created.code}`, created: true });
  }
  let text = input.text;
  for (const { url, start, end } of [...urls].reverse()) {
    const link = byUrl.get(url);
    if (link) text = `${text.slice(0, start)}${link.shortUrl}${text.slice(end)}`;
  }
  return { text, links: [...byUrl.values()].filter((l): l is ShortenedLink => l !== null) };
}

async function createLinkFromValues(
  db: LinksDb,
  audit: AuditActor,
  values: Awaited<ReturnType<typeof resolveLink>>,
  request: Parameters<typeof createLink>[2],
  baseUrl: string,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = randomCode();
    const taken = await db.selectFrom("links").select("id").where("code", "=", code).executeTakeFirst();
    if (taken) continue;
    return db.transaction().execute((trx) => insertLink(trx, audit, values, code, new Date().toISOString()));
  }
  // Five random codes taken in a row is all but impossible; let createLink report it properly.
  return createLink(db, audit, request, baseUrl);
}
