import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { insightsEdge, insightValues, numberOf, readGraphMetrics } from "../meta/insights.js";
import { postMetrics } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport } from "../types.js";

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
export function readInstagramMetrics(
  call: Caller,
  url: (path: string) => URL,
  igUserId: string,
  posts: readonly { remoteId: string }[],
): Promise<MetricsReport> {
  return readGraphMetrics({
    call,
    url,
    network: "instagram",
    ownerId: igUserId,
    posts,
    support: INSTAGRAM_METRICS,
    fields: { counts: COUNT_FIELDS, insights: INSIGHT_FIELDS },
    toPost: (remoteId, body) => {
      const media = parseBody(mediaCounts, body, "instagram");
      const insights = insightValues(media.insights);
      return postMetrics(remoteId, POST_METRICS, {
        impressions: numberOf(insights.get("views")),
        engagements: numberOf(insights.get("total_interactions")),
        likes: media.like_count,
        replies: media.comments_count,
        shares: numberOf(insights.get("shares")),
      });
    },
  });
}
