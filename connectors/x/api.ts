import { createCaller, parseBody } from "../call.js";
import { isConnectorError } from "../errors.js";
import { createSession } from "../session.js";
import { sameText } from "../text/match.js";
import type { ConnectorClient, ConnectorContext, Credentials, Profile } from "../types.js";
import type { XEndpoints } from "./endpoints.js";
import { mapXError } from "./errors.js";
import { createdTweet, timeline, toMention, toProfile, tweetUrl, userResponse } from "./mapping.js";
import { readXMetrics } from "./metrics.js";

const MENTION_FIELDS = {
  "tweet.fields": "created_at,author_id,conversation_id,referenced_tweets",
  expansions: "author_id",
  "user.fields": "username,name",
};

export function createXClient(
  context: ConnectorContext,
  endpoints: XEndpoints,
  refresh: (c: Credentials) => Promise<Credentials>,
): ConnectorClient {
  const session = createSession(context, refresh);
  const call = createCaller({
    network: "x",
    http: context.http,
    session,
    authorize: (token) => ({ headers: { authorization: `Bearer ${token}` } }),
    mapError: mapXError,
  });
  const api = (path: string) => new URL(path, endpoints.api);
  let me: Profile | undefined;

  async function verifyCredentials(): Promise<Profile> {
    const res = await call({ method: "GET", url: api("/2/users/me"), operation: "verify" });
    me = toProfile(parseBody(userResponse, res, "x").data);
    return me;
  }
  const userId = async () => context.account.externalId ?? (me ?? (await verifyCredentials())).externalId;
  const handle = () => context.account.handle ?? me?.handle;

  return {
    verifyCredentials,
    async publish(post) {
      // X has no idempotency key: an unknown outcome is settled with findPublished.
      const reply = post.inReplyTo ? { reply: { in_reply_to_tweet_id: post.inReplyTo } } : {};
      const res = await call({ method: "POST", url: api("/2/tweets"), json: { text: post.text, ...reply }, operation: "publish" });
      const { data } = parseBody(createdTweet, res, "x", "unknown_outcome");
      return { remoteId: data.id, url: tweetUrl(handle(), data.id) };
    },
    async delete(remoteId) {
      try {
        await call({ method: "DELETE", url: api(`/2/tweets/${encodeURIComponent(remoteId)}`), operation: "delete" });
      } catch (error) {
        if (!isConnectorError(error, "not_found")) throw error;
      }
    },
    async findPublished(post, { since }) {
      const query = { start_time: since.toISOString(), max_results: 100, "tweet.fields": "created_at,referenced_tweets" };
      const res = await call({ method: "GET", url: api(`/2/users/${await userId()}/tweets`), query, operation: "findPublished" });
      const found = (parseBody(timeline, res, "x").data ?? []).find(
        (t) => sameText(t.text, post.text) && (!post.inReplyTo || t.referenced_tweets?.some((r) => r.id === post.inReplyTo)),
      );
      return found ? { remoteId: found.id, url: tweetUrl(handle(), found.id) } : null;
    },
    async readMentions(cursor, options) {
      const max_results = Math.min(100, Math.max(5, options?.limit ?? 50));
      const query = { ...MENTION_FIELDS, max_results, pagination_token: cursor ?? undefined };
      const res = await call({ method: "GET", url: api(`/2/users/${await userId()}/mentions`), query, operation: "readMentions" });
      const page = parseBody(timeline, res, "x");
      const users = page.includes?.users ?? [];
      return { items: (page.data ?? []).map((t) => toMention(t, users)), nextCursor: page.meta?.next_token ?? null };
    },
    async readMetrics({ posts }) {
      return readXMetrics(call, api, await userId(), context.now?.() ?? new Date(), posts);
    },
  };
}
