import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { isConnectorError } from "../errors.js";
import { insightsEdge, insightValues, numberOf, readWithInsights } from "../meta/insights.js";
import { gonePost, postMetrics, readingsOf } from "../metrics.js";
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
const pageCounts = z.object({ followers_count: z.number().optional() });
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
export async function readFacebookMetrics(
  call: Caller,
  url: (path: string) => URL,
  pageId: string,
  posts: readonly { remoteId: string }[],
): Promise<MetricsReport> {
  const page = await call({ method: "GET", url: url(pageId), query: { fields: "followers_count" }, operation: "metrics" });
  const account = readingsOf(FACEBOOK_METRICS.account, { followers: parseBody(pageCounts, page, "facebook").followers_count });
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
      read.push(toPost(remoteId, parseBody(postCounts, res, "facebook")));
    } catch (error) {
      if (!isConnectorError(error, "not_found")) throw error;
      read.push(gonePost(remoteId, POST_METRICS));
    }
  }
  return { account: account.readings, posts: read, ...(account.missing.length > 0 ? { missingAccount: account.missing } : {}) };
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
