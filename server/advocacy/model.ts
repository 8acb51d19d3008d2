import { badRequest } from "../errors.js";

/** The networks employees share to from their own accounts, each through the network's share intent. */
export const NETWORKS = ["linkedin", "x", "bluesky", "mastodon"] as const;
export type AdvocacyNetwork = (typeof NETWORKS)[number];

export const NETWORK_NAMES: Record<AdvocacyNetwork, string> = {
  linkedin: "LinkedIn",
  x: "X",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
};

/** A disclosure is one hashtag; the policy's disclosure pack looks for it among the text's hashtags. */
export const DISCLOSURE_PATTERN = /^#[\p{L}\p{N}_]{1,49}$/u;

/**
 * How much of a post a network shows before "…see more". A disclosure after that point is not seen
 * "with the text" (FTC: not behind a click). LinkedIn's app cuts at about 140 characters; the others
 * show a whole post.
 */
export const VISIBLE_PREFIX: Partial<Record<AdvocacyNetwork, number>> = { linkedin: 140 };

/**
 * The text handed to the network: the employee's words with the share's own short link. The item's
 * address, if the employee kept it in the text, becomes the short link; otherwise the link is appended.
 */
export function composeShareText(text: string, itemUrl: string | null, shortUrl: string | null): string {
  const words = text.trim();
  if (!shortUrl) return words;
  if (itemUrl && words.includes(itemUrl)) return words.split(itemUrl).join(shortUrl);
  return `${words} ${shortUrl}`;
}

/**
 * The network's compose window with the text filled in. Every one of these takes the whole text, so
 * the disclosure travels with it. LinkedIn's documented `share-offsite/?url=` takes only a link (the
 * text, and with it the disclosure, would be lost), so its feed composer with `text=` is used.
 */
export function intentUrl(network: AdvocacyNetwork, text: string, instance: string | null): string {
  const t = encodeURIComponent(text);
  switch (network) {
    case "x":
      return `https://x.com/intent/post?text=${t}`;
    case "linkedin":
      return `https://www.linkedin.com/feed/?shareActive=true&text=${t}`;
    case "bluesky":
      return `https://bsky.app/intent/compose?text=${t}`;
    case "mastodon":
      return `https://${instance}/share?text=${t}`;
  }
}

const HOSTNAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A Mastodon server as people write it (`mastodon.social`, `https://mastodon.social/`) → its host name. */
export function parseInstance(input: string): string {
  const given = input
    .trim()
    .replace(/^https:\/\//i, "")
    .replace(/\/+$/, "");
  let host: string;
  try {
    const url = new URL(`https://${given}`);
    if (url.username || url.password || url.port || url.pathname !== "/" || url.search || url.hash) throw new Error("not a host");
    host = url.hostname;
  } catch {
    throw badRequest("advocacy_instance_invalid", "Give your Mastodon server's address, like mastodon.social.");
  }
  if (!HOSTNAME.test(host)) throw badRequest("advocacy_instance_invalid", "Give your Mastodon server's address, like mastodon.social.");
  return host;
}

export const parseList = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

export const isExpired = (expiresAt: string | null, now = Date.now()) => expiresAt !== null && Date.parse(expiresAt) <= now;
