import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { isConnectorError } from "../errors.js";
import { insightsEdge, insightValues, numberOf, readWithInsights } from "../meta/insights.js";
import { gonePost, postMetrics, readingsOf } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport, PostMetrics } from "../types.js";

const POST_METRICS: readonly MetricName[] = ["impressions", "engagements", "likes", "replies", "shares"];

/**
 * Instagram media insights. Since Graph API v22 the media `impressions` metric is gone; `views` (times the
 * media was shown or played) takes its place and is reported as impressions. Saves have no metric of ours and
 * are counted only inside engagements (`total_interactions`). Instagram offers no link clicks on posts.
 */
export const INSTAGRAM_METRICS: MetricsSupport = {
  account: ["followers"],
  post: POST_METRICS,
  postWindowDays: null,
  intervalMinutes: 360,
  backfillDays: 90,
};

const COUNT_FIELDS = "id,like_count,comments_count";
const INSIGHT_FIELDS = "insights.metric(views,shares,total_interactions)";

const userCounts = z.object({ followers_count: z.number().optional() });
const mediaCounts = z.object({
  id: z.string(),
  // Absent when the owner hides like counts on the post.
  like_count: z.number().optional(),
  comments_count: z.number().optional(),
  insights: insightsEdge,
});

/**
 * Followers from the account's followers_count; per post one GET /{media-id} with like and comment counts and,
 * through field expansion, its lifetime insights. Media Graph no longer has comes back missing; without
 * instagram_manage_insights the counts still arrive and the insight metrics are missing.
 */
export async function readInstagramMetrics(
  call: Caller,
  url: (path: string) => URL,
  igUserId: string,
  posts: readonly { remoteId: string }[],
): Promise<MetricsReport> {
  const me = await call({ method: "GET", url: url(igUserId), query: { fields: "followers_count" }, operation: "metrics" });
  const account = readingsOf(INSTAGRAM_METRICS.account, { followers: parseBody(userCounts, me, "instagram").followers_count });
  const denied = { insights: false };
  const read: PostMetrics[] = [];
  for (const { remoteId } of posts) {
    try {
      const res = await readWithInsights(
        call,
        url(encodeURIComponent(remoteId)),
        { counts: COUNT_FIELDS, insights: INSIGHT_FIELDS },
        denied,
      );
      const media = parseBody(mediaCounts, res, "instagram");
      const insights = insightValues(media.insights);
      read.push(
        postMetrics(remoteId, POST_METRICS, {
          impressions: numberOf(insights.get("views")),
          engagements: numberOf(insights.get("total_interactions")),
          likes: media.like_count,
          replies: media.comments_count,
          shares: numberOf(insights.get("shares")),
        }),
      );
    } catch (error) {
      if (!isConnectorError(error, "not_found")) throw error;
      read.push(gonePost(remoteId, POST_METRICS));
    }
  }
  return { account: account.readings, posts: read, ...(account.missing.length > 0 ? { missingAccount: account.missing } : {}) };
}
