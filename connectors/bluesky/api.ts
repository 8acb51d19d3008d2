import type { Agent, AppBskyFeedPost, ComAtprotoRepoStrongRef } from "@atproto/api";
import { ConnectorError, isConnectorError } from "../errors.js";
import type { ConnectorClient, ConnectorContext, OutgoingPost, Published } from "../types.js";
import { openSession, signInIdentifier } from "./appPasswordSession.js";
import { readBlueskyComments } from "./comments.js";
import { serviceUrlOf } from "./endpoints.js";
import { NETWORK, toConnectorError } from "./errors.js";
import { INBOX_REASONS, toInboundItem } from "./inbound.js";
import { POST_COLLECTION, PROFILE_COLLECTION, parseRecordUri, postRecord, profileRecord, toProfile, toPublished } from "./mapping.js";
import { uploadImages } from "./media.js";
import { readBlueskyMetrics } from "./metrics.js";
import { recordKeyFor } from "./recordKey.js";
import { facetsFor } from "./richText.js";

/** The PDS's answer when the record key is taken: the post of an earlier try of this attempt exists. */
const KEY_TAKEN = "InvalidSwap";
/** The most both listNotifications and searchPosts return in one page. */
const MAX_PAGE = 100;
const pageSize = (limit: number | undefined) => Math.max(1, Math.min(MAX_PAGE, limit ?? 50));
const inboxReasons: readonly string[] = INBOX_REASONS;

export function createBlueskyClient(context: ConnectorContext): ConnectorClient {
  const now = context.now ?? (() => new Date());
  const session = openSession({
    http: context.http,
    service: serviceUrlOf(context.account.baseUrl),
    identifier: signInIdentifier(context.account, context.credentials),
    appPassword: context.credentials.accessToken,
  });

  /** The post already stored under this key, if any (`null` when there is none). */
  async function existing(agent: Agent, did: string, rkey: string): Promise<Published | null> {
    try {
      await agent.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey });
      return toPublished(did, rkey);
    } catch (error) {
      const mapped = toConnectorError(error, { idempotent: true, secrets: session.secrets() });
      if (isConnectorError(mapped, "not_found")) return null;
      throw mapped;
    }
  }

  async function replyRef(agent: Agent, inReplyTo: string): Promise<AppBskyFeedPost.ReplyRef> {
    const { data } = await agent.com.atproto.repo.getRecord(parseRecordUri(inReplyTo)).catch((error: unknown) => {
      const mapped = toConnectorError(error, { idempotent: true, secrets: session.secrets() });
      if (!isConnectorError(mapped, "not_found")) throw mapped;
      throw new ConnectorError("rejected", "Bluesky: the post this one continues no longer exists.", { network: NETWORK, cause: mapped });
    });
    if (!data.cid)
      throw new ConnectorError("unavailable", "Bluesky did not say which version of the earlier post it has.", { network: NETWORK });
    const parent: ComAtprotoRepoStrongRef.Main = { uri: data.uri, cid: data.cid };
    const root = postRecord.safeParse(data.value).data?.reply?.root ?? parent;
    return { root, parent };
  }

  async function buildRecord(agent: Agent, post: OutgoingPost): Promise<AppBskyFeedPost.Record> {
    const facets = await facetsFor(agent, post.text);
    const images = post.media?.length ? await uploadImages(agent, context.http, post.media) : [];
    return {
      $type: POST_COLLECTION,
      text: post.text,
      createdAt: now().toISOString(),
      ...(facets.length > 0 ? { facets } : {}),
      ...(post.inReplyTo ? { reply: await replyRef(agent, post.inReplyTo) } : {}),
      ...(images.length > 0 ? { embed: { $type: "app.bsky.embed.images", images } } : {}),
    };
  }

  return {
    async verifyCredentials() {
      return session.run(async (agent, did) => {
        const { data: me } = await agent.com.atproto.server.getSession();
        let displayName: string | undefined;
        try {
          const { data } = await agent.com.atproto.repo.getRecord({ repo: did, collection: PROFILE_COLLECTION, rkey: "self" });
          displayName = profileRecord.safeParse(data.value).data?.displayName;
        } catch (error) {
          // An account that never edited its profile has no profile record.
          if (!isConnectorError(toConnectorError(error, { idempotent: true, secrets: [] }), "not_found")) throw error;
        }
        return toProfile(me, displayName);
      });
    },

    async publish(post, { idempotencyKey }) {
      const rkey = recordKeyFor(idempotencyKey);
      return session.run(async (agent, did) => {
        const earlier = await existing(agent, did, rkey);
        if (earlier) return earlier;
        const record = await buildRecord(agent, post);
        try {
          // `swapRecord: null` writes only if the key is free: a second copy of the post cannot be made.
          await agent.com.atproto.repo.putRecord({ repo: did, collection: POST_COLLECTION, rkey, record, swapRecord: null });
          return toPublished(did, rkey);
        } catch (error) {
          const mapped = toConnectorError(error, { idempotent: false, secrets: session.secrets() });
          if (isConnectorError(mapped) && mapped.networkCode === KEY_TAKEN) {
            const found = await existing(agent, did, rkey);
            if (found) return found;
          }
          throw mapped;
        }
      });
    },

    /**
     * Mentions, replies and quotes, newest first, from the account's notifications (served by Bluesky's AppView
     * through the PDS). Reading does not mark them seen: the people using the Bluesky app keep their badge.
     */
    async readMentions(cursor, options) {
      return session.run(async (agent, did) => {
        const { data } = await agent.app.bsky.notification.listNotifications({
          reasons: [...INBOX_REASONS],
          limit: pageSize(options?.limit),
          ...(cursor ? { cursor } : {}),
        });
        // Filtered here too: an AppView that ignores `reasons` would otherwise hand over likes and follows.
        const items = data.notifications.filter((n) => inboxReasons.includes(n.reason)).flatMap((n) => toInboundItem(n, did) ?? []);
        return { items, nextCursor: data.notifications.length === 0 ? null : (data.cursor ?? null) };
      });
    },

    /** Replies under one of the account's posts, newest first (see readBlueskyComments). */
    async readComments(remoteId, cursor, options) {
      parseRecordUri(remoteId);
      return session.run((agent, did) => readBlueskyComments(agent, did, remoteId, cursor, options?.limit));
    },

    readMetrics: ({ posts }) => session.run((agent, did) => readBlueskyMetrics(agent, did, posts)),

    /** Bluesky's post search, latest first (a #hashtag is searched as a tag by Bluesky's search syntax). */
    async searchPosts(query, cursor, options) {
      return session.run(async (agent, did) => {
        const { data } = await agent.app.bsky.feed.searchPosts({
          q: query,
          sort: "latest",
          limit: pageSize(options?.limit),
          ...(options?.since ? { since: options.since.toISOString() } : {}),
          ...(cursor ? { cursor } : {}),
        });
        const items = data.posts.flatMap((p) => toInboundItem(p, did) ?? []);
        return { items, nextCursor: data.posts.length === 0 ? null : (data.cursor ?? null) };
      });
    },

    async delete(remoteId) {
      const address = parseRecordUri(remoteId);
      await session.run(async (agent, did) => {
        if (address.repo !== did)
          throw new ConnectorError("rejected", "This Bluesky post belongs to another account.", { network: NETWORK });
        try {
          // Deleting a record that is not there succeeds on the PDS.
          await agent.com.atproto.repo.deleteRecord({ ...address, repo: did });
        } catch (error) {
          const mapped = toConnectorError(error, { idempotent: true, secrets: session.secrets() });
          if (!isConnectorError(mapped, "not_found")) throw mapped;
        }
      });
    },
  };
}
