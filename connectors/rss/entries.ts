import { createHash } from "node:crypto";
import { type AnyFeed, parseFeed } from "feedsmith";
import { ConnectorError } from "../errors.js";
import { htmlToText } from "../text/html.js";

/** One item of any feed format, in one shape. */
export interface FeedEntry {
  id: string;
  title: string | null;
  /** Markup (RSS descriptions, Atom html content, JSON content_html) or plain text. */
  body: { html: string } | { text: string } | null;
  link: string | null;
  date: Date | null;
  author: string | null;
}

export interface ParsedFeed {
  title: string | null;
  link: string | null;
  entries: FeedEntry[];
}

const first = <T>(...values: (T | null | undefined)[]): T | null => values.find((v) => v !== undefined && v !== null && v !== "") ?? null;
const dateOf = (value: string | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};
/** Atom text constructs: `type="html"` (or xhtml) is markup, anything else is text. */
const atomText = (t: { value?: string; type?: string } | undefined) =>
  t?.value ? (t.type?.includes("html") ? htmlToText(t.value) : t.value) : null;

/** An item without guid, id or link is known by its content. */
const contentId = (...parts: (string | null | undefined)[]) =>
  `sha256:${createHash("sha256")
    .update(parts.map((p) => p ?? "").join("\u0000"))
    .digest("base64url")
    .slice(0, 22)}`;

type Feeds = { [F in AnyFeed["format"]]: Extract<AnyFeed, { format: F }>["feed"] };

function fromRss(feed: Feeds["rss"]): ParsedFeed {
  return {
    title: feed.title ?? null,
    link: feed.link ?? null,
    entries: (feed.items ?? []).map((item) => {
      const html = first(item.content?.encoded, item.description);
      return {
        id: first(item.guid?.value, item.link) ?? contentId(item.title, html, item.pubDate),
        title: item.title ?? null,
        body: html ? { html } : null,
        link: item.link ?? null,
        date: dateOf(item.pubDate ?? item.dc?.dates?.[0]),
        author: first(item.dc?.creators?.[0], item.authors?.[0]?.name),
      };
    }),
  };
}

function fromAtom(feed: Feeds["atom"]): ParsedFeed {
  const alternate = (links: { href?: string; rel?: string }[] | undefined) =>
    links?.find((l) => !l.rel || l.rel === "alternate")?.href ?? null;
  return {
    title: atomText(feed.title),
    link: alternate(feed.links),
    entries: (feed.entries ?? []).map((entry) => {
      const content = entry.content?.value ? entry.content : entry.summary;
      const body = content?.value ? (content.type?.includes("html") ? { html: content.value } : { text: content.value }) : null;
      return {
        id: first(entry.id, alternate(entry.links)) ?? contentId(atomText(entry.title), content?.value, entry.updated),
        title: atomText(entry.title),
        body,
        link: alternate(entry.links),
        date: dateOf(entry.published ?? entry.updated),
        author: entry.authors?.[0]?.name ?? null,
      };
    }),
  };
}

function fromRdf(feed: Feeds["rdf"]): ParsedFeed {
  return {
    title: feed.title ?? null,
    link: feed.link ?? null,
    entries: (feed.items ?? []).map((item) => ({
      id: first(item.rdf?.about, item.link) ?? contentId(item.title, item.description),
      title: item.title ?? null,
      body: item.description ? { html: item.description } : null,
      link: item.link ?? null,
      date: dateOf(item.dc?.dates?.[0]),
      author: item.dc?.creators?.[0] ?? null,
    })),
  };
}

function fromJson(feed: Feeds["json"]): ParsedFeed {
  return {
    title: feed.title ?? null,
    link: feed.home_page_url ?? null,
    entries: (feed.items ?? []).map((item) => ({
      id: first(item.id, item.url) ?? contentId(item.title, item.content_html, item.content_text),
      title: item.title ?? null,
      body: item.content_html ? { html: item.content_html } : item.content_text ? { text: item.content_text } : null,
      link: item.url ?? null,
      date: dateOf(item.date_published ?? item.date_modified),
      author: item.authors?.[0]?.name ?? null,
    })),
  };
}

/** Newest first. When some items have no date, the feed's own order is kept (feeds list the newest first). */
function newestFirst(entries: FeedEntry[]): FeedEntry[] {
  if (entries.some((e) => e.date === null)) return entries;
  return [...entries].sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0));
}

/** Parses RSS 0.9x/2.0, Atom, RDF or JSON Feed; anything else is a `rejected` error that says why. */
export function parseFeedEntries(body: string, url: string): ParsedFeed {
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unreadable";
    throw new ConnectorError("rejected", `RSS: ${url} is not a feed Switchboard can read (${reason}).`, {
      network: "rss",
      networkCode: "malformed_feed",
      cause: error,
    });
  }
  const feed =
    parsed.format === "rss"
      ? fromRss(parsed.feed)
      : parsed.format === "atom"
        ? fromAtom(parsed.feed)
        : parsed.format === "rdf"
          ? fromRdf(parsed.feed)
          : fromJson(parsed.feed);
  return { ...feed, entries: newestFirst(feed.entries) };
}
