import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { BarsChart } from "./BarsChart.js";
import {
  type ChannelMetrics,
  fetchChannelMetrics,
  type Gap,
  gapReason,
  METRIC_COLORS,
  type MetricKpi,
  MetricKpis,
  metricLabel,
  metricsKey,
  NOT_OFFERED,
  SyncStatus,
} from "./ChannelMetricsParts.js";
import { type Column, DataTable } from "./DataTable.js";
import { dayLabel, formatCount, rangeLabel } from "./format.js";
import { RangePicker } from "./RangePicker.js";
import { type ChartSeries, SeriesChart } from "./SeriesChart.js";
import { useRange } from "./useRange.js";
import "./analytics.css";

type TopPost = ChannelMetrics["topPosts"][number];
type Day = ChannelMetrics["daily"][number];

function Charts({ m }: { m: ChannelMetrics }) {
  const days = useMemo(() => m.daily.map((d) => d.day), [m]);
  const followers = useMemo<ChartSeries[]>(
    () =>
      m.followers
        ? [
            {
              label: "Followers",
              values: m.followers.series.map((p) => p.value),
              color: METRIC_COLORS[0] ?? "#2563eb",
              axis: "left",
              kind: "line",
              format: (v) => v.toLocaleString(),
              integer: true,
            },
          ]
        : [],
    [m],
  );
  const growth = useMemo<ChartSeries[]>(
    () =>
      m.offered.post.map((metric, i) => ({
        label: metricLabel(metric),
        values: m.daily.map((d) => d.values[metric] ?? null),
        color: METRIC_COLORS[(i + 1) % METRIC_COLORS.length] ?? "#2563eb",
        // The first (usually impressions, the largest) as bars on the left; the rest as lines on the right.
        axis: i === 0 ? "left" : "right",
        kind: i === 0 ? "bars" : "line",
        format: (v) => v.toLocaleString(),
        integer: true,
      })),
    [m],
  );
  const period = rangeLabel(m.range.from, m.range.to);
  const top = m.sortedBy;
  return (
    <div className="analytics-charts analytics-charts-two">
      <section className="card" aria-labelledby="metrics-followers">
        <h2 id="metrics-followers">Followers</h2>
        {m.followers ? (
          <>
            <SeriesChart
              days={days}
              series={followers}
              label={`Followers from ${period}: ${formatCount(m.followers.now)} at the end, ${formatCount(m.followers.before)} at the end of the previous period.`}
            />
            <p className="muted analytics-note">The last reading of each day; a day without a point was not collected.</p>
          </>
        ) : (
          <p className="muted">{NOT_OFFERED}.</p>
        )}
      </section>
      <section className="card" aria-labelledby="metrics-growth">
        <h2 id="metrics-growth">Growth per day</h2>
        {growth.length > 0 ? (
          <SeriesChart
            days={days}
            series={growth}
            label={`Daily growth from ${period}: ${m.offered.post.map((x) => `${metricLabel(x)} ${formatCount(m.totals[x] ?? null)}`).join(", ")}.`}
          />
        ) : (
          <p className="muted">This network offers no post metrics.</p>
        )}
      </section>
      {top && m.topPosts.length > 0 && (
        <section className="card" aria-labelledby="metrics-top">
          <h2 id="metrics-top">Top posts by {metricLabel(top).toLowerCase()} in the range</h2>
          <BarsChart
            items={m.topPosts.slice(0, 10).map((p) => ({ label: p.text || "(no text)", value: p.growth[top] ?? 0 }))}
            label={`The ${Math.min(10, m.topPosts.length)} posts with the most ${metricLabel(top).toLowerCase()} from ${period}.`}
            color={METRIC_COLORS[2] ?? "#ea580c"}
            format={(v) => v.toLocaleString()}
          />
        </section>
      )}
    </div>
  );
}

function Tables({ m, fileStem }: { m: ChannelMetrics; fileStem: string }) {
  // Metrics the network does not offer get no columns here: the cards above and the note below say so once.
  const postColumns: Column<TopPost>[] = [
    {
      header: "Post",
      value: (p) => p.text,
      render: (p) => (
        <Link
          to={`/analytics/posts/${p.postId}?from=${m.range.from}&to=${m.range.to}`}
          style={{ display: "inline-block", minWidth: "14rem" }}
        >
          {p.text || "(no text)"}
        </Link>
      ),
    },
    { header: "Published", value: (p) => p.publishedAt?.slice(0, 10) ?? null },
    ...m.offered.post.map<Column<TopPost>>((x) => ({
      header: `${metricLabel(x)} (range)`,
      value: (p) => p.growth[x] ?? null,
      render: (p) => formatCount(p.growth[x] ?? null),
      numeric: true,
    })),
    ...m.offered.post.map<Column<TopPost>>((x) => ({
      header: `${metricLabel(x)} (total)`,
      value: (p) => p.totals[x] ?? null,
      render: (p) => formatCount(p.totals[x] ?? null),
      numeric: true,
    })),
  ];
  const followers = new Map((m.followers?.series ?? []).map((f) => [f.day, f.value]));
  const dayColumns: Column<Day>[] = [{ header: "Day", value: (d) => d.day, render: (d) => dayLabel(d.day, true) }];
  if (m.followers)
    dayColumns.push({
      header: "Followers",
      value: (d) => followers.get(d.day) ?? null,
      render: (d) => formatCount(followers.get(d.day) ?? null),
      numeric: true,
    });
  dayColumns.push(
    ...m.offered.post.map<Column<Day>>((x) => ({
      header: metricLabel(x),
      value: (d) => d.values[x] ?? null,
      render: (d) => (d.incomplete.includes(x) ? `${formatCount(d.values[x] ?? null)} (incomplete)` : formatCount(d.values[x] ?? null)),
      numeric: true,
    })),
    {
      header: "Incomplete",
      value: (d) => d.incomplete.map(metricLabel).join(", "),
      render: (d) => d.incomplete.map(metricLabel).join(", "),
    },
  );
  // Days before anything was collected are left out: there is nothing to say about them but "not collected".
  const firstKnown = m.daily.findIndex((d) => Object.values(d.values).some((v) => v !== null) || followers.get(d.day) != null);
  const days = firstKnown < 0 ? [] : m.daily.slice(firstKnown);
  const gapColumns: Column<Gap>[] = [
    { header: "Since", value: (g) => g.since, render: (g) => new Date(g.since).toLocaleString() },
    { header: "Metric", value: (g) => metricLabel(g.metric) },
    {
      header: "Post",
      value: (g) => g.postText ?? "(the channel)",
      render: (g) => (g.postId ? <Link to={`/analytics/posts/${g.postId}`}>{g.postText || "(no text)"}</Link> : "(the channel)"),
    },
    { header: "What happened", value: (g) => gapReason(g.reason) },
  ];
  const notOffered = m.offered.notOffered;
  return (
    <>
      {notOffered.length > 0 && (
        <p className="muted analytics-note">
          {NOT_OFFERED}: {notOffered.map(metricLabel).join(", ").toLowerCase()}.
        </p>
      )}
      <DataTable
        caption="Posts"
        columns={postColumns}
        rows={m.topPosts}
        rowKey={(p) => p.variantId}
        filename={`${fileStem}-posts.csv`}
        empty="No post of this channel was measured in this range."
      />
      <DataTable
        caption="Gaps"
        columns={gapColumns}
        rows={m.gaps}
        rowKey={(g) => `${g.since}-${g.metric}-${g.variantId ?? ""}`}
        filename={`${fileStem}-gaps.csv`}
        empty="None: the network returned every metric it offers."
      />
      <DataTable
        caption="Per day"
        columns={dayColumns}
        rows={days}
        rowKey={(d) => d.day}
        filename={`${fileStem}-days.csv`}
        empty="Nothing was collected in this range."
      />
    </>
  );
}

/** One channel's network metrics: followers over time, growth per day against the previous period, top posts, gaps. */
export function ChannelAnalyticsPage() {
  const { id = "" } = useParams();
  const range = useRange();
  const sort = range.param("sort");
  const query = useQuery({
    queryKey: [...metricsKey, "channel", id, range.from, range.to, sort],
    queryFn: () => fetchChannelMetrics(id, { from: range.from, to: range.to, ...(sort ? { sort } : {}) }),
  });
  if (query.isPending) return <Loading label="Loading the channel's metrics…" />;
  if (query.isError) return <ErrorMessage error={query.error} title="The channel's metrics could not be loaded" />;
  const m = query.data;
  const gapped = new Set(m.gaps.map((g) => g.metric));
  const kpis: MetricKpi[] = [
    {
      metric: "followers",
      now: m.followers?.now ?? null,
      before: m.followers?.before ?? null,
      offered: m.followers !== null,
      gapped: gapped.has("followers"),
    },
    ...m.offered.post.map((metric) => ({
      metric,
      now: m.totals[metric] ?? null,
      before: m.previousTotals[metric] ?? null,
      offered: true,
      gapped: gapped.has(metric),
    })),
    ...m.offered.notOffered.filter((x) => x !== "followers").map((metric) => ({ metric, now: null, before: null, offered: false })),
  ];
  const fileStem = `${m.channel.network}-${m.channel.handle}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <>
      <p className="analytics-back">
        <Link to={`/analytics/channels?from=${range.from}&to=${range.to}`}>← Channels</Link>
      </p>
      <PageHeader
        title={m.channel.displayName || m.channel.handle}
        description={`${m.channel.networkName} · ${m.channel.handle} · metrics as the network reports them`}
      />
      <div className="analytics-toolbar">
        <RangePicker from={range.from} to={range.to} onChange={range.set} />
        {m.offered.post.length > 0 && (
          <div className="analytics-filters">
            <div className="field">
              <label htmlFor="metrics-sort">Top posts by</label>
              <select id="metrics-sort" className="input" value={m.sortedBy ?? ""} onChange={(e) => range.setParam("sort", e.target.value)}>
                {m.offered.post.map((x) => (
                  <option key={x} value={x}>
                    {metricLabel(x)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
      </div>
      <SyncStatus sync={m.sync} offers={m.offered.account.length + m.offered.post.length > 0} />
      <p className="analytics-period">
        {rangeLabel(m.range.from, m.range.to)}, compared with {rangeLabel(m.previous.from, m.previous.to)}. Post figures are growth in the
        range (the change in the network's running totals); followers are the count at the end.
      </p>
      <MetricKpis kpis={kpis} previous={m.previous} />
      {m.gaps.length > 0 && (
        <p className="alert alert-warning" role="status">
          The network left out {[...gapped].map(metricLabel).join(", ").toLowerCase()}{" "}
          {m.gaps.length === 1 ? "once" : `${m.gaps.length} times`} in this range. Those figures are incomplete, not zero; the rest was
          collected. See Gaps below.
        </p>
      )}
      <Charts m={m} />
      <Tables m={m} fileStem={fileStem} />
      {m.sync?.backfilledAt && (
        <p className="muted analytics-note">
          The first collection ({dayLabel(m.sync.backfilledAt.slice(0, 10), true)}) counted each post's totals so far on that day.
        </p>
      )}
    </>
  );
}
