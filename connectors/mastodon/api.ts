import { createCaller, parseBody } from "../call.js";
import { ConnectorError, isConnectorError } from "../errors.js";
import { createSession } from "../session.js";
import type { ConnectorClient, ConnectorContext } from "../types.js";
import { mapMastodonError } from "./errors.js";
import {
  account as accountSchema,
  nextMaxId,
  notifications,
  searchResults,
  status,
  statuses,
  toFoundItem,
  toMention,
  toProfile,
} from "./mapping.js";
import { readMastodonMetrics } from "./metrics.js";

/** The most Mastodon returns in one page of search results or of a timeline. */
const MAX_SEARCH_PAGE = 40;
const HASHTAG = /^#([\p{L}\p{N}_]+)$/u;

export function requireBaseUrl(baseUrl: string | undefined): string {
  if (!baseUrl) throw new ConnectorError("rejected", "A Mastodon account needs its server's address.", { network: "mastodon" });
  return baseUrl;
}

export function createMastodonClient(context: ConnectorContext): ConnectorClient {
  const baseUrl = requireBaseUrl(context.account.baseUrl);
  // Mastodon access tokens do not expire and there is no refresh: a refused token means reconnecting.
  const session = createSession(context);
  const call = createCaller({
    network: "mastodon",
    http: context.http,
    session,
    authorize: (token) => ({ headers: { authorization: `Bearer ${token}` } }),
    mapError: mapMastodonError,
  });
  const api = (path: string) => new URL(path, baseUrl);

  return {
    async verifyCredentials() {
      const res = await call({ method: "GET", url: api("/api/v1/accounts/verify_credentials"), operation: "verify" });
      return toProfile(parseBody(accountSchema, res, "mastodon"), baseUrl);
    },
    async publish(post, { idempotencyKey }) {
      const json = { status: post.text, visibility: "public", ...(post.inReplyTo ? { in_reply_to_id: post.inReplyTo } : {}) };
      const res = await call({
        method: "POST",
        url: api("/api/v1/statuses"),
        // Mastodon keeps the key for an hour and answers a repeat with the status it already created.
        headers: { "idempotency-key": idempotencyKey },
        json,
        operation: "publish",
      });
      const created = parseBody(status, res, "mastodon", "unknown_outcome");
      return { remoteId: created.id, url: created.url ?? created.uri };
    },
    async delete(remoteId) {
      try {
        await call({ method: "DELETE", url: api(`/api/v1/statuses/${encodeURIComponent(remoteId)}`), operation: "delete" });
      } catch (error) {
        if (!isConnectorError(error, "not_found")) throw error;
      }
    },
    async readMentions(cursor, options) {
      const query = { "types[]": ["mention"], limit: Math.min(80, options?.limit ?? 40), max_id: cursor ?? undefined };
      const res = await call({ method: "GET", url: api("/api/v1/notifications"), query, operation: "readMentions" });
      const items = parseBody(notifications, res, "mastodon").flatMap((n) => toMention(n) ?? []);
      return { items, nextCursor: items.length === 0 ? null : nextMaxId(res.headers.link) };
    },
    /**
     * A #hashtag reads the tag's public timeline; anything else is a full-text status search, which finds
     * only posts the server indexes for search (Mastodon 4.2+ with full-text search on, posts whose authors
     * opted in). Both are newest first, paged by `max_id`.
     */
    async searchPosts(query, cursor, options) {
      const limit = Math.max(1, Math.min(MAX_SEARCH_PAGE, options?.limit ?? 20));
      const tag = HASHTAG.exec(query.trim())?.[1];
      if (tag) {
        const res = await call({
          method: "GET",
          url: api(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`),
          query: { limit, max_id: cursor ?? undefined },
          operation: "searchPosts",
        });
        const items = parseBody(statuses, res, "mastodon").flatMap((s) => toFoundItem(s) ?? []);
        return { items, nextCursor: items.length === 0 ? null : nextMaxId(res.headers.link) };
      }
      const res = await call({
        method: "GET",
        url: api("/api/v2/search"),
        query: { q: query, type: "statuses", resolve: "false", limit, max_id: cursor ?? undefined },
        operation: "searchPosts",
      });
      const found = parseBody(searchResults, res, "mastodon").statuses;
      const items = found.flatMap((s) => toFoundItem(s) ?? []);
      // Search answers carry no Link header: the next page is older than the last status of this one.
      return { items, nextCursor: found.length < limit ? null : (found.at(-1)?.id ?? null) };
    },
    readMetrics: ({ posts }) => readMastodonMetrics(call, api, posts),
  };
}
