import { badRequest } from "../errors.js";

export const UTM_FIELDS = ["source", "medium", "campaign", "term", "content"] as const;
export type UtmField = (typeof UTM_FIELDS)[number];
export type Utm = Record<UtmField, string | null>;

export const EMPTY_UTM: Utm = { source: null, medium: null, campaign: null, term: null, content: null };
export const MAX_DESTINATION_LENGTH = 2048;
/** The query parameter that hands the click's id to the destination, so a conversion can name its click. */
export const CLICK_PARAM = "sb_click";

/**
 * Checks a destination a person typed: an absolute http(s) URL with a host, no user name or password
 * (they would be handed to everyone who clicks), and not one of our own short links (a loop).
 */
export function validateDestination(raw: string, ownBaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badRequest("link_destination_invalid", "The destination is not a web address (https://…).");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badRequest("link_destination_scheme", "Only http:// and https:// destinations can be linked.", { scheme: url.protocol });
  }
  if (!url.hostname) throw badRequest("link_destination_invalid", "The destination has no host name.");
  if (url.username || url.password) {
    throw badRequest("link_destination_invalid", "Leave the user name and password out of the destination: every visitor would get them.");
  }
  if (url.href.length > MAX_DESTINATION_LENGTH) {
    throw badRequest("link_destination_invalid", `The destination is longer than ${MAX_DESTINATION_LENGTH} characters.`);
  }
  if (isOwnShortLink(url.href, ownBaseUrl)) {
    throw badRequest("link_destination_loop", "The destination is already a Switchboard short link.");
  }
  return url;
}

export function isOwnShortLink(href: string, ownBaseUrl: string): boolean {
  return href.startsWith(`${ownBaseUrl}/l/`);
}

/** The UTM values already in a URL's query string. */
export function utmInUrl(url: URL): Partial<Utm> {
  const found: Partial<Utm> = {};
  for (const field of UTM_FIELDS) {
    const value = url.searchParams.get(`utm_${field}`);
    if (value) found[field] = value;
  }
  return found;
}

/**
 * The URL a visitor is sent to: the destination with the link's UTM values. Parameters the destination
 * lacks are appended as text, so the rest of its query string stays byte for byte as given (URLSearchParams
 * would re-encode all of it); only a value that differs from one already there makes us rebuild the query.
 */
export function targetUrl(destination: string, utm: Utm): string {
  const url = new URL(destination);
  const wanted = UTM_FIELDS.flatMap((f) => (utm[f] ? [[`utm_${f}`, utm[f]] as const] : []));
  const clash = wanted.some(([k, v]) => url.searchParams.has(k) && url.searchParams.get(k) !== v);
  if (clash) {
    for (const [k, v] of wanted) url.searchParams.set(k, v);
    return url.href;
  }
  const missing = wanted.filter(([k]) => !url.searchParams.has(k));
  if (missing.length === 0) return url.href;
  const [base, fragment] = splitFragment(url.href);
  const query = missing.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${base}${separatorFor(base)}${query}${fragment}`;
}

/** What the redirect writes before and after the click id: `prefix + id + suffix` is the Location. */
export function clickUrlParts(target: string): { prefix: string; suffix: string } {
  const [base, fragment] = splitFragment(target);
  return { prefix: `${base}${separatorFor(base)}${CLICK_PARAM}=`, suffix: fragment };
}

function splitFragment(href: string): [string, string] {
  const hash = href.indexOf("#");
  return hash === -1 ? [href, ""] : [href.slice(0, hash), href.slice(hash)];
}

function separatorFor(base: string): string {
  if (!base.includes("?")) return "?";
  return base.endsWith("?") || base.endsWith("&") ? "" : "&";
}
