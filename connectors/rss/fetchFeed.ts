import { ConnectorError } from "../errors.js";
import { errorForStatus, isSuccess } from "../statusErrors.js";
import type { HttpClient } from "../types.js";

const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
const MAX_REDIRECTS = 5;

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchedFeed = { status: "not_modified" } | { status: "ok"; url: string; body: string; validators: Validators };

/**
 * GETs a feed, following redirects (feeds move), conditionally when validators from the last fetch are
 * given: an unchanged feed answers 304 and costs nothing to read.
 */
export async function fetchFeed(http: HttpClient, url: string, validators: Validators = {}): Promise<FetchedFeed> {
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      throw new ConnectorError("rejected", `RSS: feeds are read over http(s), not ${target.protocol}`, { network: "rss" });
    }
    const res = await http.request({
      method: "GET",
      url: target,
      headers: {
        accept: ACCEPT,
        ...(validators.etag ? { "if-none-match": validators.etag } : {}),
        ...(validators.lastModified ? { "if-modified-since": validators.lastModified } : {}),
      },
      network: "rss",
      operation: "feed.fetch",
    });
    if (res.status === 304) return { status: "not_modified" };
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      target = new URL(location, target);
      continue;
    }
    if (!isSuccess(res)) throw errorForStatus(res, "rss", true, `RSS: ${target.host} answered HTTP ${res.status} for the feed.`);
    return {
      status: "ok",
      url: target.href,
      body: res.body,
      validators: {
        ...(res.headers.etag ? { etag: res.headers.etag } : {}),
        ...(res.headers["last-modified"] ? { lastModified: res.headers["last-modified"] } : {}),
      },
    };
  }
  throw new ConnectorError("rejected", `RSS: ${url} redirects more than ${MAX_REDIRECTS} times.`, { network: "rss" });
}
