/** Where a Bluesky account lives. Tests pass a local PDS as the account's `baseUrl`. */

/** Bluesky's own entryway: signs in every account Bluesky hosts and sends the client on to the account's PDS. */
export const DEFAULT_SERVICE = "https://bsky.social";
/** The Bluesky web app, for links people can open. It is not an API server. */
export const WEB_APP = "https://bsky.app";

const WEB_APP_HOSTS = new Set(["bsky.app", "www.bsky.app"]);

/**
 * The service to sign in at, from the address a person gave: a PDS origin (self-hosted), or nothing for an
 * account Bluesky hosts. A bsky.app profile link means Bluesky hosts the account, so it maps to the entryway.
 */
export function serviceUrlOf(url: URL | string | undefined): string {
  if (url === undefined || url === "") return DEFAULT_SERVICE;
  const parsed = new URL(url);
  return WEB_APP_HOSTS.has(parsed.hostname) ? DEFAULT_SERVICE : parsed.origin;
}

export const profileUrl = (handleOrDid: string) => `${WEB_APP}/profile/${handleOrDid}`;
export const postUrl = (did: string, rkey: string) => `${WEB_APP}/profile/${did}/post/${rkey}`;
