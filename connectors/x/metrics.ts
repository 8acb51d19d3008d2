import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { gonePost, inBatches, metricsReport, postMetrics, readingsOf, sumOf } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport, PostMetrics } from "../types.js";

const DAY_MS = 86_400_000;
/** GET /2/tweets takes at most 100 ids. */
const MAX_IDS = 100;
/** non_public_metrics (link clicks, the author's own impression count) exist only for posts of the last 30 days. */
const PRIVATE_WINDOW_DAYS = 30;

const POST_METRICS: readonly MetricName[] = ["impressions", "likes", "replies", "shares", "link_clicks"];
/** What a post older than 30 days can still give: its public counts. */
const PUBLIC_METRICS: readonly MetricName[] = ["impressions", "likes", "replies", "shares"];

export const X_METRICS: MetricsSupport = {
  account: ["followers"],
  post: POST_METRICS,
  postWindowDays: PRIVATE_WINDOW_DAYS,
  intervalMinutes: 60,
  backfillDays: PRIVATE_WINDOW_DAYS,
};

const count = z.number().optional();
const userMetrics = z.object({ data: z.object({ public_metrics: z.object({ followers_count: count }).optional() }) });
const tweetMetrics = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        public_metrics: z
          .object({ retweet_count: count, reply_count: count, like_count: count, quote_count: count, impression_count: count })
          .optional(),
        non_public_metrics: z.object({ impression_count: count, url_link_clicks: count }).optional(),
      }),
    )
    .optional(),
  // Ids X cannot show (deleted, never existed, protected) come back here, beside the ones it can: a 200 either way.
  errors: z.array(z.object({ value: z.string().optional(), resource_id: z.string().optional() })).optional(),
});

/**
 * Followers from GET /2/users/:id; post counts from GET /2/tweets in batches of 100, asking for
 * non_public_metrics only for posts of the last 30 days (X refuses them for older ones), public_metrics otherwise.
 */
export async function readXMetrics(
  call: Caller,
  api: (path: string) => URL,
  userId: string,
  now: Date,
  posts: readonly { remoteId: string; publishedAt: Date }[],
): Promise<MetricsReport> {
  const res = await call({
    method: "GET",
    url: api(`/2/users/${userId}`),
    query: { "user.fields": "public_metrics" },
    operation: "metrics",
  });
  const followers = parseBody(userMetrics, res, "x").data.public_metrics?.followers_count;
  const account = readingsOf(X_METRICS.account, { followers });

  const cutoff = now.getTime() - PRIVATE_WINDOW_DAYS * DAY_MS;
  const recent = posts.filter((p) => p.publishedAt.getTime() >= cutoff).map((p) => p.remoteId);
  const older = posts.filter((p) => p.publishedAt.getTime() < cutoff).map((p) => p.remoteId);
  const read = new Map<string, PostMetrics>();
  for (const [ids, withPrivate] of [
    [recent, true],
    [older, false],
  ] as const) {
    for (const batch of inBatches(ids, MAX_IDS))
      for (const post of await readBatch(call, api, batch, withPrivate)) read.set(post.remoteId, post);
  }
  const inOrder = posts.map((p) => read.get(p.remoteId) ?? gonePost(p.remoteId, POST_METRICS));
  return metricsReport(account, inOrder);
}

async function readBatch(call: Caller, api: (path: string) => URL, ids: readonly string[], withPrivate: boolean) {
  const fields = withPrivate ? "public_metrics,non_public_metrics" : "public_metrics";
  const res = await call({
    method: "GET",
    url: api("/2/tweets"),
    query: { ids: ids.join(","), "tweet.fields": fields },
    operation: "metrics",
  });
  const body = parseBody(tweetMetrics, res, "x");
  const offered = withPrivate ? POST_METRICS : PUBLIC_METRICS;
  return ids.map((id) => {
    const tweet = body.data?.find((t) => t.id === id);
    if (!tweet) return gonePost(id, POST_METRICS);
    const pub = tweet.public_metrics;
    const metrics = postMetrics(id, offered, {
      impressions: tweet.non_public_metrics?.impression_count ?? pub?.impression_count,
      likes: pub?.like_count,
      replies: pub?.reply_count,
      // Reposts and quotes both carry the post to new readers.
      shares: sumOf(pub?.retweet_count, pub?.quote_count),
      link_clicks: tweet.non_public_metrics?.url_link_clicks,
    });
    // Older than 30 days: link clicks are no longer offered for this post, a gap rather than zero.
    return withPrivate ? metrics : { ...metrics, missing: [...(metrics.missing ?? []), "link_clicks" as const] };
  });
}
