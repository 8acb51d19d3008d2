import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { gonePost, inBatches, metricsReport, postMetrics, readingsOf, sumOf } from "../metrics.js";
import type { MetricName, MetricsReport, MetricsSupport, PostMetrics } from "../types.js";
import type { LinkedInEndpoints } from "./endpoints.js";
import { organizationId } from "./mapping.js";

/** Share URNs per statistics call: the list travels in the URL, so it is kept short. */
const MAX_URNS = 20;
const POST_METRICS: readonly MetricName[] = ["impressions", "engagements", "likes", "replies", "shares", "link_clicks"];

/**
 * LinkedIn's organization statistics (Community Management API) for Pages. LinkedIn keeps share statistics
 * for 12 months. A member's own profile has no statistics through this API: its metrics come back missing.
 */
export const LINKEDIN_METRICS: MetricsSupport = {
  account: ["followers"],
  post: POST_METRICS,
  postWindowDays: 365,
  intervalMinutes: 360,
  backfillDays: 365,
};

const count = z.number().optional();
const networkSize = z.object({ firstDegreeSize: count });
const shareStatistics = z.object({
  elements: z.array(
    z.object({
      share: z.string().optional(),
      ugcPost: z.string().optional(),
      totalShareStatistics: z.object({
        impressionCount: count,
        clickCount: count,
        likeCount: count,
        commentCount: count,
        shareCount: count,
        /** A rate ((clicks + likes + comments + shares) / impressions), not a count. */
        engagement: count,
      }),
    }),
  ),
});
type Statistics = z.infer<typeof shareStatistics>["elements"][number]["totalShareStatistics"];

const toPost = (urn: string, s: Statistics): PostMetrics =>
  postMetrics(urn, POST_METRICS, {
    impressions: s.impressionCount,
    // LinkedIn's own numerator of its engagement rate.
    engagements: sumOf(s.clickCount, s.likeCount, s.commentCount, s.shareCount),
    likes: s.likeCount,
    replies: s.commentCount,
    shares: s.shareCount,
    // LinkedIn counts every click on the post (its link, the Page's name or logo, "see more").
    link_clicks: s.clickCount,
  });

/** A Rest.li 2.0 list in a URL: the URNs encoded, `List(`, `,` and `)` left as they are. */
const restliList = (urns: readonly string[]) => `List(${urns.map(encodeURIComponent).join(",")})`;

/**
 * Followers from GET /rest/networkSizes/{org}?edgeType=COMPANY_FOLLOWED_BY_MEMBER; lifetime post totals from
 * GET /rest/organizationalEntityShareStatistics, `shares=List(…)` and `ugcPosts=List(…)` in batches. LinkedIn
 * leaves out posts it does not know (deleted): those come back missing.
 */
export async function readLinkedInMetrics(
  call: Caller,
  endpoints: LinkedInEndpoints,
  author: string,
  posts: readonly { remoteId: string }[],
): Promise<MetricsReport> {
  if (!organizationId(author)) {
    return { account: [], posts: posts.map((p) => gonePost(p.remoteId, POST_METRICS)), missingAccount: [...LINKEDIN_METRICS.account] };
  }
  const size = await call({
    method: "GET",
    url: new URL(`/rest/networkSizes/${encodeURIComponent(author)}`, endpoints.api),
    query: { edgeType: "COMPANY_FOLLOWED_BY_MEMBER" },
    operation: "metrics",
  });
  const account = readingsOf(LINKEDIN_METRICS.account, { followers: parseBody(networkSize, size, "linkedin").firstDegreeSize });

  const read = new Map<string, PostMetrics>();
  const ids = posts.map((p) => p.remoteId);
  for (const [param, prefix] of [
    ["shares", "urn:li:share:"],
    ["ugcPosts", "urn:li:ugcPost:"],
  ] as const) {
    for (const batch of inBatches(
      ids.filter((id) => id.startsWith(prefix)),
      MAX_URNS,
    )) {
      const url = new URL("/rest/organizationalEntityShareStatistics", endpoints.api);
      url.search = `q=organizationalEntity&organizationalEntity=${encodeURIComponent(author)}&${param}=${restliList(batch)}`;
      const res = await call({ method: "GET", url, operation: "metrics" });
      for (const element of parseBody(shareStatistics, res, "linkedin").elements) {
        const urn = element.share ?? element.ugcPost;
        if (urn) read.set(urn, toPost(urn, element.totalShareStatistics));
      }
    }
  }
  return metricsReport(
    account,
    ids.map((id) => read.get(id) ?? gonePost(id, POST_METRICS)),
  );
}
