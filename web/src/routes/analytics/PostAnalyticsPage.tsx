import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import {
  fetchPostMetrics,
  gapReason,
  METRIC_COLORS,
  metricLabel,
  metricsKey,
  NOT_OFFERED,
  type PostMetrics,
} from "./ChannelMetricsParts.js";
import { type Column, DataTable } from "./DataTable.js";
import { dayLabel, formatCount, rangeLabel } from "./format.js";
import { RangePicker } from "./RangePicker.js";
import { type ChartSeries, SeriesChart } from "./SeriesChart.js";
import { useRange } from "./useRange.js";
import "./analytics.css";

type Variant = PostMetrics["variants"][number];
const ALL = ["impressions", "engagements", "likes", "replies", "shares", "link_clicks", "video_views"] as const;

function VariantSection({ v, range }: { v: Variant; range: PostMetrics["range"] }) {
  const days = useMemo(() => v.daily.map((d) => d.day), [v]);
  const series = useMemo<ChartSeries[]>(
    () =>
      v.offered.map((metric, i) => ({
        label: metricLabel(metric),
        values: v.daily.map((d) => d.values[metric] ?? null),
        color: METRIC_COLORS[(i + 1) % METRIC_COLORS.length] ?? "#2563eb",
        axis: i === 0 ? "left" : "right",
        kind: i === 0 ? "bars" : "line",
        format: (x) => x.toLocaleString(),
        integer: true,
      })),
    [v],
  );
  const title = `${v.channel.networkName} · ${v.channel.displayName || v.channel.handle}`;
  return (
    <section className="card analytics-report" aria-label={title}>
      <h2>
        <Link to={`/analytics/channels/${v.channel.id}?from=${range.from}&to=${range.to}`}>{title}</Link>
      </h2>
      <p className="muted analytics-note">
        Published {v.publishedAt ? new Date(v.publishedAt).toLocaleString() : "—"}
        {v.url && (
          <>
            {" "}
            · <a href={v.url}>on {v.channel.networkName}</a>
          </>
        )}
      </p>
      {v.offered.length === 0 ? (
        <p className="muted">{NOT_OFFERED}: it reports no post metrics.</p>
      ) : v.daily.some((d) => Object.values(d.values).some((x) => x !== null)) ? (
        <SeriesChart
          days={days}
          series={series}
          label={`Growth per day on ${title} from ${rangeLabel(range.from, range.to)}: ${v.offered.map((m) => `${metricLabel(m)} ${formatCount(v.growth[m] ?? null)}`).join(", ")}.`}
        />
      ) : (
        <p className="muted">Not measured in this range yet.</p>
      )}
      {v.gaps.length > 0 && (
        <ul className="analytics-note">
          {v.gaps.map((g) => (
            <li key={`${g.since}-${g.metric}`}>
              {metricLabel(g.metric)} missing since {new Date(g.since).toLocaleString()}: {gapReason(g.reason)}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One post's metrics on every channel it was published to: totals, growth per day and gaps. */
export function PostAnalyticsPage() {
  const { id = "" } = useParams();
  const range = useRange();
  const query = useQuery({
    queryKey: [...metricsKey, "post", id, range.from, range.to],
    queryFn: () => fetchPostMetrics(id, { from: range.from, to: range.to }),
  });
  if (query.isPending) return <Loading label="Loading the post's metrics…" />;
  if (query.isError) return <ErrorMessage error={query.error} title="The post's metrics could not be loaded" />;
  const p = query.data;
  // Only metrics some channel offers get columns; the others would read "not offered" all the way down.
  const offeredAnywhere = new Set<string>(p.variants.flatMap((v) => v.offered));
  const metrics = ALL.filter((m) => offeredAnywhere.has(m));
  const columns: Column<Variant>[] = [
    { header: "Channel", value: (v) => `${v.channel.networkName} ${v.channel.handle}` },
    ...metrics.map<Column<Variant>>((m) => ({
      header: `${metricLabel(m)} (total)`,
      value: (v) => (v.offered.includes(m) ? (v.totals[m] ?? null) : "not offered"),
      render: (v) => (v.offered.includes(m) ? formatCount(v.totals[m] ?? null) : <span className="muted">{NOT_OFFERED}</span>),
      numeric: true,
    })),
    ...metrics.map<Column<Variant>>((m) => ({
      header: `${metricLabel(m)} (range)`,
      value: (v) => (v.offered.includes(m) ? (v.growth[m] ?? null) : "not offered"),
      render: (v) => (v.offered.includes(m) ? formatCount(v.growth[m] ?? null) : <span className="muted">{NOT_OFFERED}</span>),
      numeric: true,
    })),
  ];
  return (
    <>
      <p className="analytics-back">
        <Link to={`/analytics?from=${range.from}&to=${range.to}`}>← Analytics overview</Link>
      </p>
      <PageHeader title="Post metrics" description={p.post.text || "(no text)"} />
      <div className="analytics-toolbar">
        <RangePicker from={range.from} to={range.to} onChange={range.set} />
      </div>
      <p className="analytics-period">
        Totals are the network's latest running totals; range figures are the growth from {dayLabel(p.range.from)} to{" "}
        {dayLabel(p.range.to, true)}.
      </p>
      <div className="analytics-charts analytics-charts-two">
        {p.variants.map((v) => (
          <VariantSection key={v.variantId} v={v} range={p.range} />
        ))}
      </div>
      <DataTable
        caption="Per channel"
        columns={columns}
        rows={p.variants}
        rowKey={(v) => v.variantId}
        filename={`post-${p.post.id}-metrics.csv`}
        empty="This post has not been published to a channel."
      />
    </>
  );
}
