/**
 * Every network an account can be recorded on, with or without a connector: the one list the server
 * offers (inventory, CSV import, network picker).
 */
export type NetworkStatus =
  /** Switchboard connects to it (see registry.ts). */
  | "connector"
  /** A connector is planned; accounts can be recorded meanwhile. */
  | "planned"
  /** Alive, but no connector is planned: recorded only. */
  | "inventory-only"
  /** The network is gone; old accounts can still be recorded for the record. */
  | "defunct";

export interface NetworkInfo {
  id: string;
  name: string;
  status: NetworkStatus;
  homepage: string;
  /** A profile's address with `{handle}` (and `{instance}` for self-hosted networks) to fill in; null when there is none. */
  profileUrl: string | null;
  /** What a person types as the handle, e.g. "@name" or "name.bsky.social". */
  handleHint: string;
  /** Host names whose URLs belong to this network (to recognise a URL in a CSV row). */
  hosts: readonly string[];
}

const n = (
  id: string,
  name: string,
  status: NetworkStatus,
  homepage: string,
  profileUrl: string | null,
  handleHint: string,
  hosts: string[] = [],
): NetworkInfo => ({
  id,
  name,
  status,
  homepage,
  profileUrl,
  handleHint,
  hosts,
});

export const NETWORKS: readonly NetworkInfo[] = [
  n("x", "X (Twitter)", "connector", "https://x.com", "https://x.com/{handle}", "@username", [
    "x.com",
    "twitter.com",
    "mobile.twitter.com",
  ]),
  n("mastodon", "Mastodon", "connector", "https://joinmastodon.org", "https://{instance}/@{handle}", "@username@server.example", []),
  n(
    "linkedin",
    "LinkedIn",
    "connector",
    "https://www.linkedin.com",
    "https://www.linkedin.com/company/{handle}/",
    "company page vanity name",
    ["linkedin.com", "www.linkedin.com"],
  ),
  n("facebook", "Facebook Page", "connector", "https://www.facebook.com", "https://www.facebook.com/{handle}", "page username", [
    "facebook.com",
    "www.facebook.com",
    "m.facebook.com",
    "fb.com",
  ]),
  n("instagram", "Instagram", "connector", "https://www.instagram.com", "https://www.instagram.com/{handle}/", "username", [
    "instagram.com",
    "www.instagram.com",
  ]),
  n("bluesky", "Bluesky", "connector", "https://bsky.app", "https://bsky.app/profile/{handle}", "name.bsky.social", ["bsky.app"]),
  n("wordpress", "WordPress", "connector", "https://wordpress.org", "https://{instance}", "site address", ["wordpress.com"]),
  n(
    "rss",
    "RSS / Atom feed",
    "connector",
    "https://www.rssboard.org/rss-specification",
    null,
    "feed name, e.g. news (hosted at /feeds/news.rss)",
    [],
  ),
  n("youtube", "YouTube", "planned", "https://www.youtube.com", "https://www.youtube.com/@{handle}", "@channel", [
    "youtube.com",
    "www.youtube.com",
    "youtu.be",
  ]),
  n("threads", "Threads", "planned", "https://www.threads.net", "https://www.threads.net/@{handle}", "@username", [
    "threads.net",
    "www.threads.net",
    "threads.com",
  ]),
  n("tumblr", "Tumblr", "planned", "https://www.tumblr.com", "https://www.tumblr.com/{handle}", "blog name", [
    "tumblr.com",
    "www.tumblr.com",
  ]),
  n("blogger", "Blogger", "planned", "https://www.blogger.com", "https://{handle}.blogspot.com", "blog name", [
    "blogger.com",
    "blogspot.com",
  ]),
  n("flickr", "Flickr", "planned", "https://www.flickr.com", "https://www.flickr.com/photos/{handle}/", "user name", [
    "flickr.com",
    "www.flickr.com",
  ]),
  n("reddit", "Reddit", "planned", "https://www.reddit.com", "https://www.reddit.com/user/{handle}", "u/username", [
    "reddit.com",
    "www.reddit.com",
    "old.reddit.com",
  ]),
  n("email", "Email", "connector", "https://en.wikipedia.org/wiki/Email", null, "name@example.com", []),
  n("tiktok", "TikTok", "inventory-only", "https://www.tiktok.com", "https://www.tiktok.com/@{handle}", "@username", [
    "tiktok.com",
    "www.tiktok.com",
  ]),
  n("pinterest", "Pinterest", "inventory-only", "https://www.pinterest.com", "https://www.pinterest.com/{handle}/", "username", [
    "pinterest.com",
    "www.pinterest.com",
  ]),
  n("myspace", "MySpace", "defunct", "https://myspace.com", "https://myspace.com/{handle}", "username", ["myspace.com"]),
  n("delicious", "Delicious", "defunct", "https://del.icio.us", "https://del.icio.us/{handle}", "username", [
    "del.icio.us",
    "delicious.com",
  ]),
  n("stumbleupon", "StumbleUpon", "defunct", "https://www.stumbleupon.com", null, "username", ["stumbleupon.com"]),
  n("google-video", "Google Video", "defunct", "https://video.google.com", null, "account name", ["video.google.com"]),
  n("viddler", "Viddler", "defunct", "https://www.viddler.com", "https://www.viddler.com/{handle}", "username", ["viddler.com"]),
  n("friendfeed", "FriendFeed", "defunct", "https://friendfeed.com", "https://friendfeed.com/{handle}", "username", ["friendfeed.com"]),
];

const BY_ID = new Map(NETWORKS.map((x) => [x.id, x]));
const BY_NAME = new Map(NETWORKS.map((x) => [x.name.toLowerCase(), x]));

/** Accepts an id ("x") or a name ("X (Twitter)"), case-insensitively. */
export function findNetwork(idOrName: string): NetworkInfo | undefined {
  const key = idOrName.trim().toLowerCase();
  return BY_ID.get(key) ?? BY_NAME.get(key);
}

/** The network a profile URL belongs to, by host (self-hosted networks cannot be told from a URL). */
export function networkForUrl(url: string): NetworkInfo | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return NETWORKS.find((x) => x.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
}
