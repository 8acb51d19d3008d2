import { createCaller, parseBody } from "../call.js";
import { ConnectorError, isConnectorError } from "../errors.js";
import { createSession } from "../session.js";
import type { ConnectorClient, ConnectorContext } from "../types.js";
import { mapMastodonError } from "./errors.js";
import { account as accountSchema, nextMaxId, notifications, status, toMention, toProfile } from "./mapping.js";

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
  };
}
