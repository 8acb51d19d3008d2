import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { isConnectorError } from "../errors.js";
import { gonePost, inBatches, metricsReport, postMetrics, readingsOf } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport, PostMetrics } from "../types.js";

/** GET /api/v1/statuses?id[]= (Mastodon 4.3+) answers at most 20 statuses. */
const MAX_IDS = 20;
const POST_METRICS: readonly MetricName[] = ["likes", "replies", "shares"];

/** Mastodon counts but does not measure reach: no impressions, no link clicks. */
export const MASTODON_METRICS: MetricsSupport = {
  account: ["followers"],
  post: POST_METRICS,
  postWindowDays: null,
  intervalMinutes: 120,
  backfillDays: 90,
};

const count = z.number().optional();
const followers = z.object({ followers_count: count });
const counted = z.object({
  id: z.string(),
  favourites_count: count,
  replies_count: count,
  reblogs_count: count,
  /** Mastodon 4.5+, with quote posts. */
  quotes_count: count,
});

const toPost = (s: z.infer<typeof counted>): PostMetrics =>
  postMetrics(s.id, POST_METRICS, {
    likes: s.favourites_count,
    replies: s.replies_count,
    // Boosts, and quotes where the server has them: both carry the post to new readers.
    shares: s.reblogs_count === undefined ? undefined : s.reblogs_count + (s.quotes_count ?? 0),
  });

/**
 * Followers from verify_credentials; post counts from GET /api/v1/statuses?id[]= in batches of 20, or one
 * GET /api/v1/statuses/:id each on servers older than 4.3 (where the batch route answers 404). The counts are
 * what this server knows: likes and boosts from other servers arrive as those servers deliver them.
 */
export async function readMastodonMetrics(
  call: Caller,
  api: (path: string) => URL,
  posts: readonly { remoteId: string }[],
): Promise<MetricsReport> {
  const me = await call({ method: "GET", url: api("/api/v1/accounts/verify_credentials"), operation: "metrics" });
  const account = readingsOf(MASTODON_METRICS.account, { followers: parseBody(followers, me, "mastodon").followers_count });
  const read: PostMetrics[] = [];
  let batchRoute = true;
  for (const batch of inBatches(
    posts.map((p) => p.remoteId),
    MAX_IDS,
  )) {
    if (batchRoute) {
      try {
        const res = await call({ method: "GET", url: api("/api/v1/statuses"), query: { "id[]": batch }, operation: "metrics" });
        const found = parseBody(z.array(counted), res, "mastodon");
        // Statuses the server no longer has (deleted) are left out of the answer.
        read.push(
          ...batch.map((id) => {
            const s = found.find((f) => f.id === id);
            return s ? toPost(s) : gonePost(id, POST_METRICS);
          }),
        );
        continue;
      } catch (error) {
        if (!isConnectorError(error, "not_found")) throw error;
        batchRoute = false;
      }
    }
    for (const id of batch) read.push(await readOne(call, api, id));
  }
  return metricsReport(account, read);
}

async function readOne(call: Caller, api: (path: string) => URL, id: string): Promise<PostMetrics> {
  try {
    const res = await call({ method: "GET", url: api(`/api/v1/statuses/${encodeURIComponent(id)}`), operation: "metrics" });
    return toPost(parseBody(counted, res, "mastodon"));
  } catch (error) {
    if (isConnectorError(error, "not_found")) return gonePost(id, POST_METRICS);
    throw error;
  }
}
