import type { Agent } from "@atproto/api";
import { gonePost, inBatches, metricsReport, postMetrics, readingsOf } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport, PostMetrics } from "../types.js";
import { parseRecordUri } from "./mapping.js";

/** app.bsky.feed.getPosts takes at most 25 URIs. */
const MAX_URIS = 25;
const POST_METRICS: readonly MetricName[] = ["likes", "replies", "shares"];

/** Bluesky's AppView counts likes, replies, reposts and quotes; it measures no impressions or clicks. */
export const BLUESKY_METRICS: MetricsSupport = {
  account: ["followers"],
  post: POST_METRICS,
  postWindowDays: null,
  intervalMinutes: 60,
  backfillDays: 90,
};

const isPostUri = (uri: string) => {
  try {
    return parseRecordUri(uri).collection === "app.bsky.feed.post";
  } catch {
    return false;
  }
};

/**
 * Followers from app.bsky.actor.getProfile; post counts from app.bsky.feed.getPosts, 25 at a time. The
 * AppView leaves out posts it no longer has (deleted, taken down): those come back `missing`.
 */
export async function readBlueskyMetrics(agent: Agent, did: string, posts: readonly { remoteId: string }[]): Promise<MetricsReport> {
  const { data: profile } = await agent.app.bsky.actor.getProfile({ actor: did });
  const account = readingsOf(BLUESKY_METRICS.account, { followers: profile.followersCount });
  const read = new Map<string, PostMetrics>();
  // A malformed id would make the AppView refuse the whole batch: it cannot be a post we can read.
  const uris = posts.map((p) => p.remoteId).filter(isPostUri);
  for (const batch of inBatches(uris, MAX_URIS)) {
    const { data } = await agent.app.bsky.feed.getPosts({ uris: batch });
    for (const post of data.posts) {
      read.set(
        post.uri,
        postMetrics(post.uri, POST_METRICS, {
          likes: post.likeCount,
          replies: post.replyCount,
          // Reposts and quotes both carry the post to new readers.
          shares: post.repostCount === undefined ? undefined : post.repostCount + (post.quoteCount ?? 0),
        }),
      );
    }
  }
  return metricsReport(
    account,
    posts.map((p) => read.get(p.remoteId) ?? gonePost(p.remoteId, POST_METRICS)),
  );
}
