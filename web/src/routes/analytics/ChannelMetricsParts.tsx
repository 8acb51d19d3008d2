import { api } from "../../api/client.js";
import { formatCount, rangeLabel } from "./format.js";

/** The network-metrics API (server/analytics/metrics/schema.ts) and pieces shared by the channel and post pages. */

export type MetricName = "followers" | "impressions" | "engagements" | "likes" | "replies" | "shares" | "link_clicks" | "video_views";
export type Counts = Record<string, number | null>;

export const METRIC_LABELS: Record<MetricName, string> = {
  followers: "Followers",
  impressions: "Impressions",
  engagements: "Engagements",
  likes: "Likes",
  replies: "Replies",
  shares: "Shares",
  link_clicks: "Link clicks",
  video_views: "Video views",
};
export const metricLabel = (m: string) => METRIC_LABELS[m as MetricName] ?? m;
export const METRIC_COLORS = ["#2563eb", "#16a34a", "#ea580c", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
export const NOT_OFFERED = "Not offered by this network";

export interface Sync {
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  backfilledAt: string | null;
  failures: number;
  lastError: string | null;
  intervalMinutes: number | null;
}

export interface Channel {
  id: string;
  network: string;
  networkName: string;
  handle: string;
  displayName: string;
}

export interface Gap {
  metric: MetricName;
  postId: string | null;
  variantId: string | null;
  postText: string | null;
  reason: string;
  since: string;
}

export interface ChannelListItem extends Channel {
  offersMetrics: boolean;
  followers: number | null;
  sync: Sync | null;
}

export interface ChannelMetrics {
  channel: Channel;
  offered: { account: MetricName[]; post: MetricName[]; notOffered: MetricName[] };
  range: { from: string; to: string; days: number };
  previous: { from: string; to: string };
  followers: { now: number | null; before: number | null; series: { day: string; value: number | null }[] } | null;
  totals: Counts;
  previousTotals: Counts;
  daily: { day: string; values: Counts; incomplete: string[] }[];
  topPosts: {
    postId: string;
    variantId: string;
    text: string;
    publishedAt: string | null;
    url: string | null;
    growth: Counts;
    totals: Counts;
  }[];
  sortedBy: MetricName | null;
  gaps: Gap[];
  sync: Sync | null;
}

export interface PostMetrics {
  post: { id: string; text: string };
  range: { from: string; to: string; days: number };
  variants: {
    variantId: string;
    channel: Channel;
    publishedAt: string | null;
    url: string | null;
    offered: MetricName[];
    notOffered: MetricName[];
    totals: Counts;
    growth: Counts;
    daily: { day: string; values: Counts }[];
    gaps: Gap[];
  }[];
}

export const metricsKey = ["analytics", "metrics"] as const;
export const fetchChannels = () => api<{ items: ChannelListItem[] }>("GET", "/api/analytics/channels").then((r) => r.items);
export const fetchChannelMetrics = (accountId: string, query: { from: string; to: string; sort?: string | undefined }) =>
  api<ChannelMetrics>("GET", `/api/analytics/channels/${encodeURIComponent(accountId)}/metrics`, { query: { ...query } });
export const fetchPostMetrics = (postId: string, query: { from: string; to: string }) =>
  api<PostMetrics>("GET", `/api/analytics/posts/${encodeURIComponent(postId)}/metrics`, { query });

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const formatWhen = (iso: string | null) => (iso ? WHEN.format(new Date(iso)) : "—");

const GAP_REASONS: Record<string, string> = {
  not_returned: "the network stopped returning this metric",
  post_not_returned: "the network did not answer for this post (deleted, or no longer reported)",
};
export const gapReason = (reason: string) => GAP_REASONS[reason] ?? reason;

/** How collection is going, in words: when it last ran, when it runs next, and why it is failing. */
export function SyncStatus({ sync, offers }: { sync: Sync | null; offers: boolean }) {
  if (!offers) return <p className="muted">This network offers no metrics Switchboard can collect.</p>;
  if (!sync)
    return <p className="muted">Metrics have not been collected yet: the first collection runs within a few minutes of connecting.</p>;
  return (
    <div role="status">
      {sync.failures > 0 ? (
        <p className="alert alert-warning">
          The last {sync.failures === 1 ? "collection" : `${sync.failures} collections`} failed: {sync.lastError ?? "unknown error"}. Trying
          again {formatWhen(sync.nextSyncAt)}; figures below are from {formatWhen(sync.lastSyncedAt)}.
        </p>
      ) : null}
      <p className="muted analytics-note">
        Last collected {formatWhen(sync.lastSyncedAt)} · next {formatWhen(sync.nextSyncAt)}
        {sync.intervalMinutes
          ? ` (every ${sync.intervalMinutes >= 60 ? `${sync.intervalMinutes / 60} h` : `${sync.intervalMinutes} min`})`
          : ""}
        {sync.backfilledAt ? ` · history collected on ${formatWhen(sync.backfilledAt)}` : " · history not collected yet"}
      </p>
    </div>
  );
}

export interface MetricKpi {
  metric: MetricName;
  label?: string;
  now: number | null;
  before: number | null;
  offered: boolean;
  /** The network left this metric out somewhere in the range. */
  gapped?: boolean;
}

function Delta({ now, before }: { now: number | null; before: number | null }) {
  if (now === null || before === null) return <span className="analytics-delta muted">no comparison</span>;
  if (before === 0) return <span className="analytics-delta muted">{now === 0 ? "no change" : "new"}</span>;
  const change = (now - before) / Math.abs(before);
  if (Math.abs(change) < 0.005) return <span className="analytics-delta muted">no change</span>;
  return (
    <span className={change > 0 ? "analytics-delta analytics-delta-good" : "analytics-delta analytics-delta-bad"}>
      {change > 0 ? "▲" : "▼"} {Math.abs(change * 100).toLocaleString(undefined, { maximumFractionDigits: 0 })} %
    </span>
  );
}

/** Headline metrics against the previous period; a metric the network does not offer says so instead of 0. */
export function MetricKpis({ kpis, previous }: { kpis: MetricKpi[]; previous: { from: string; to: string } }) {
  return (
    <dl className="analytics-kpis" aria-label={`Network metrics, compared with ${rangeLabel(previous.from, previous.to)}`}>
      {kpis.map((k) => (
        <div key={k.metric + (k.label ?? "")} className="analytics-kpi" data-kpi={k.metric}>
          <dt>{k.label ?? METRIC_LABELS[k.metric]}</dt>
          {k.offered ? (
            <dd>
              <span className="analytics-kpi-value">{formatCount(k.now)}</span>
              <Delta now={k.now} before={k.before} />
              <span className="analytics-kpi-before">before: {formatCount(k.before)}</span>
              {k.gapped && <span className="analytics-kpi-before">Incomplete: the network left it out (see gaps)</span>}
            </dd>
          ) : (
            <dd>
              <span className="muted">{NOT_OFFERED}</span>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
