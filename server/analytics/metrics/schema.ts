import { z } from "zod";
import type { MetricName } from "../../../connectors/types.js";
import { Id } from "../../identity/schema.js";

/** Every metric a connector can report (connectors/types.ts `MetricName`), in the order dashboards show them. */
export const METRICS = [
  "followers",
  "impressions",
  "engagements",
  "likes",
  "replies",
  "shares",
  "link_clicks",
  "video_views",
] as const satisfies readonly MetricName[];
export const Metric = z.enum(METRICS);
export const POST_METRICS = METRICS.filter((m) => m !== "followers");

export const MetricsQuery = z.strictObject({
  from: z.iso.date().optional().describe("First UTC day; 30 days before `to` by default"),
  to: z.iso.date().optional().describe("Last UTC day, included; today by default"),
  sort: Metric.optional().describe("Top posts by this metric's growth in the range (engagements, or the first offered, by default)"),
});
export type MetricsQueryType = z.infer<typeof MetricsQuery>;

export const CHANNEL_TABLES = ["daily", "posts", "gaps"] as const;
export const ChannelCsvQuery = MetricsQuery.extend({ table: z.enum(CHANNEL_TABLES) });
export const AccountParams = z.strictObject({ accountId: Id });
export const PostParams = z.strictObject({ postId: Id });

const Sync = z.object({
  lastSyncedAt: z.string().nullable(),
  nextSyncAt: z.string().nullable(),
  backfilledAt: z.string().nullable().describe("When the first collection (the backfill on connect) finished"),
  failures: z.number().describe("Failed runs in a row; the channel backs off while this is above 0"),
  lastError: z.string().nullable(),
  intervalMinutes: z.number().nullable(),
});

const Counts = z.record(z.string(), z.number().nullable());

const Gap = z.object({
  metric: Metric,
  postId: z.string().nullable(),
  variantId: z.string().nullable(),
  postText: z.string().nullable(),
  reason: z.string().describe("not_returned: the network left this metric out; post_not_returned: it did not answer for the post"),
  since: z.string(),
});

const Channel = z.object({
  id: z.string(),
  network: z.string(),
  networkName: z.string(),
  handle: z.string(),
  displayName: z.string(),
});

const Offer = z.object({
  account: z.array(Metric),
  post: z.array(Metric),
  notOffered: z.array(Metric).describe("Shown as 'not offered by this network', never as zero"),
});

export const ChannelList = z.object({
  items: z.array(
    Channel.extend({
      offersMetrics: z.boolean(),
      followers: z.number().nullable(),
      sync: Sync.nullable(),
    }),
  ),
});

export const ChannelMetrics = z.object({
  channel: Channel,
  offered: Offer,
  range: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  followers: z
    .object({
      now: z.number().nullable().describe("The last reading on or before the range's end"),
      before: z.number().nullable().describe("The last reading on or before the previous period's end"),
      series: z.array(z.object({ day: z.string(), value: z.number().nullable() })),
    })
    .nullable()
    .describe("Null when the network does not offer followers"),
  totals: Counts.describe("Growth of each offered post metric in the range (sum of deltas); absent: not offered"),
  previousTotals: Counts,
  daily: z.array(
    z.object({
      day: z.string(),
      values: Counts,
      incomplete: z.array(z.string()).describe("Metrics the network left out for some post (or the channel) that day"),
    }),
  ),
  topPosts: z.array(
    z.object({
      postId: z.string(),
      variantId: z.string(),
      text: z.string(),
      publishedAt: z.string().nullable(),
      url: z.string().nullable(),
      growth: Counts.describe("Growth in the range per metric"),
      totals: Counts.describe("The latest running total per metric"),
    }),
  ),
  sortedBy: Metric.nullable(),
  gaps: z.array(Gap),
  sync: Sync.nullable(),
});
export type ChannelMetricsType = z.infer<typeof ChannelMetrics>;

export const PostMetrics = z.object({
  post: z.object({ id: z.string(), text: z.string() }),
  range: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  variants: z.array(
    z.object({
      variantId: z.string(),
      channel: Channel,
      publishedAt: z.string().nullable(),
      url: z.string().nullable(),
      offered: z.array(Metric),
      notOffered: z.array(Metric),
      totals: Counts.describe("Latest running total per offered metric (null: not collected yet)"),
      growth: Counts.describe("Growth in the range per offered metric"),
      daily: z.array(z.object({ day: z.string(), values: Counts })),
      gaps: z.array(Gap),
    }),
  ),
});
export type PostMetricsType = z.infer<typeof PostMetrics>;
