import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { insightsEdge, insightValues, numberOf, readGraphMetrics } from "../meta/insights.js";
import { postMetrics } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport, PostMetrics } from "../types.js";

const POST_METRICS: readonly MetricName[] = ["impressions", "likes", "replies", "shares", "link_clicks"];

/**
 * Page insights update once a day, so collecting more often only repeats the same numbers. Meta deprecated
 * post_engaged_users in March 2024, so engagements are not offered.
 */
export const FACEBOOK_METRICS: MetricsSupport = {
  account: ["followers"],
  post: POST_METRICS,
  postWindowDays: 90,
  intervalMinutes: 1440,
  backfillDays: 90,
};

const COUNT_FIELDS = "id,shares,comments.limit(0).summary(true),reactions.limit(0).summary(true)";
const INSIGHT_FIELDS = "insights.metric(post_impressions,post_clicks_by_type)";

const summary = z.object({ summary: z.object({ total_count: z.number().optional() }).optional() }).optional();
const postCounts = z.object({
  id: z.string(),
  // Graph leaves `shares` out of a post nobody shared.
  shares: z.object({ count: z.number().optional() }).optional(),
  comments: summary,
  reactions: summary,
  insights: insightsEdge,
});

/**
 * Followers from the Page's followers_count; per post one GET /{post-id} with reactions, comments and shares
 * and, through field expansion, its lifetime post_impressions and post_clicks_by_type. A post Graph no longer
 * has (error 100/33) comes back missing; without read_insights the counts still arrive.
 */
export function readFacebookMetrics(
  call: Caller,
  url: (path: string) => URL,
  pageId: string,
  posts: readonly { remoteId: string }[],
): Promise<MetricsReport> {
  return readGraphMetrics({
    call,
    url,
    network: "facebook",
    ownerId: pageId,
    posts,
    support: FACEBOOK_METRICS,
    fields: { counts: COUNT_FIELDS, insights: INSIGHT_FIELDS },
    toPost: (remoteId, body) => toPost(remoteId, parseBody(postCounts, body, "facebook")),
  });
}

/** Without insights (no read_insights), impressions and link clicks are absent and so reported missing. */
function toPost(remoteId: string, post: z.infer<typeof postCounts>): PostMetrics {
  const insights = insightValues(post.insights);
  const clicks = insights.get("post_clicks_by_type");
  return postMetrics(remoteId, POST_METRICS, {
    impressions: numberOf(insights.get("post_impressions")),
    likes: post.reactions?.summary?.total_count,
    replies: post.comments?.summary?.total_count,
    shares: post.shares?.count ?? 0,
    // Breakdowns list only the kinds of click that happened: with clicks known, no "link clicks" means none.
    link_clicks: typeof clicks === "object" ? (clicks["link clicks"] ?? 0) : undefined,
  });
}
