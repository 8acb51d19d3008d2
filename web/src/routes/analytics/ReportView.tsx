import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { analyticsKey, type BreakdownRow, fetchReport, type Report, type ReportFilter, type SeriesPoint } from "./api.js";
import { BarsChart } from "./BarsChart.js";
import { type Column, DataTable } from "./DataTable.js";
import { dayLabel, formatCount, formatMoney, formatRoi, rangeLabel } from "./format.js";
import { KpiCards } from "./KpiCards.js";
import { type ChartSeries, SeriesChart } from "./SeriesChart.js";

const BLUE = "#2f55d4";
const GREEN = "#1a7f4b";
const ORANGE = "#c2570c";
const PURPLE = "#7a3fc2";

type Scope = "overview" | "campaign" | "link";

function breakdownColumns(report: Report, kind: "campaigns" | "channels" | "posts" | "links", withCost: boolean): Column<BreakdownRow>[] {
  const money = (v: number | null) => formatMoney(v, report.currency);
  const range = `from=${report.range.from}&to=${report.range.to}`;
  const first: Column<BreakdownRow> = {
    header: { campaigns: "Campaign", channels: "Channel", posts: "Post", links: "Link" }[kind],
    value: (r) => r.label,
    render: (r) => {
      if (r.id === "") return <span className="muted">{r.label}</span>;
      if (kind === "campaigns") return <Link to={`/analytics/campaigns/${r.id}`}>{r.label}</Link>;
      if (kind === "links") return <Link to={`/analytics/links/${r.id}`}>{r.label}</Link>;
      if (kind === "posts") return <Link to={`/analytics/posts/${r.id}?${range}`}>{r.label}</Link>;
      if (kind === "channels") return <Link to={`/analytics/channels/${r.id}?${range}`}>{r.label}</Link>;
      return r.label;
    },
  };
  const columns: Column<BreakdownRow>[] = [first];
  if (kind === "channels") columns.push({ header: "Network", value: (r) => r.detail });
  if (kind === "links")
    columns.push({ header: "Destination", value: (r) => r.detail, render: (r) => <span className="analytics-url">{r.detail}</span> });
  columns.push(
    { header: "Clicks", value: (r) => r.clicks, render: (r) => formatCount(r.clicks), numeric: true },
    { header: "Leads", value: (r) => r.leads, render: (r) => formatCount(r.leads), numeric: true },
  );
  if (kind === "channels" || kind === "campaigns") columns.push({ header: "Inbox leads", value: (r) => r.inboxLeads, numeric: true });
  columns.push(
    { header: "Sales", value: (r) => r.sales, numeric: true },
    { header: `Value (${report.currency})`, value: (r) => r.value, render: (r) => money(r.value), numeric: true },
  );
  if (withCost)
    columns.push(
      { header: `Cost (${report.currency})`, value: (r) => r.cost, render: (r) => money(r.cost), numeric: true },
      { header: `Cost per lead (${report.currency})`, value: (r) => r.costPerLead, render: (r) => money(r.costPerLead), numeric: true },
      {
        header: "ROI",
        value: (r) => (r.roi === null ? null : Math.round(r.roi * 1000) / 1000),
        render: (r) => formatRoi(r.roi),
        numeric: true,
      },
    );
  return columns;
}

/** Cumulative cost per lead and ROI for each day of the range: how the return builds up. */
function cumulative(series: SeriesPoint[]) {
  let cost = 0;
  let leads = 0;
  let value = 0;
  return series.map((p) => {
    cost += p.cost;
    leads += p.leads + p.inboxLeads;
    value += p.value;
    return { day: p.day, costPerLead: leads > 0 && cost > 0 ? cost / leads : null, roi: cost > 0 ? (value - cost) / cost : null };
  });
}

function Charts({ report, withCost }: { report: Report; withCost: boolean }) {
  const days = useMemo(() => report.series.map((p) => p.day), [report]);
  const activity = useMemo<ChartSeries[]>(
    () => [
      {
        label: "Clicks",
        values: report.series.map((p) => p.clicks),
        color: BLUE,
        axis: "left",
        kind: "bars",
        format: (v) => v.toLocaleString(),
        integer: true,
      },
      {
        label: "Leads",
        values: report.series.map((p) => p.leads + p.inboxLeads),
        color: GREEN,
        axis: "right",
        kind: "line",
        format: (v) => v.toLocaleString(),
        integer: true,
      },
    ],
    [report],
  );
  const returns = useMemo<ChartSeries[]>(() => {
    const c = cumulative(report.series);
    return [
      {
        label: "Cost per lead",
        values: c.map((p) => p.costPerLead),
        color: ORANGE,
        axis: "left",
        kind: "line",
        format: (v) => formatMoney(v, report.currency),
      },
      { label: "ROI", values: c.map((p) => p.roi), color: PURPLE, axis: "right", kind: "line", format: (v) => formatRoi(v) },
    ];
  }, [report]);
  const t = report.totals;
  const activityLabel = `${t.clicks} clicks and ${t.leads + t.inboxLeads} leads from ${rangeLabel(report.range.from, report.range.to)}.`;
  const returnLabel = `Cumulative cost per lead ${formatMoney(t.costPerLead, report.currency)} and ROI ${formatRoi(t.roi)} by ${dayLabel(report.range.to, true)}.`;
  return (
    <div className={withCost ? "analytics-charts analytics-charts-two" : "analytics-charts"}>
      <section className="card" aria-labelledby="analytics-activity">
        <h2 id="analytics-activity">Clicks and leads per day</h2>
        <SeriesChart days={days} series={activity} label={activityLabel} />
      </section>
      {withCost && (
        <section className="card" aria-labelledby="analytics-return">
          <h2 id="analytics-return">Cost per lead and ROI over time</h2>
          {t.cost ? (
            <>
              <SeriesChart days={days} series={returns} label={returnLabel} />
              <p className="muted analytics-note">Cumulative from the first day of the range: costs and value up to each day.</p>
            </>
          ) : (
            <p className="muted">
              No costs in this period. Add a campaign's costs on its dashboard to see cost per lead and ROI over time.
            </p>
          )}
        </section>
      )}
    </div>
  );
}

/** A dashboard for a filter: headline figures, charts, the assumptions, modelled value apart, and every table with CSV. */
export function ReportView({ filter, scope, fileStem }: { filter: ReportFilter; scope: Scope; fileStem: string }) {
  const report = useQuery({ queryKey: [...analyticsKey, "report", filter], queryFn: () => fetchReport(filter), refetchInterval: 60_000 });
  if (report.isPending) return <Loading label="Loading the dashboard…" />;
  if (report.isError) return <ErrorMessage error={report.error} title="The dashboard could not be loaded" />;
  const r = report.data;
  const withCost = r.totals.cost !== null;
  const file = (table: string) => `${fileStem}-${table}-${r.range.from}-to-${r.range.to}.csv`;
  const money = (v: number | null) => formatMoney(v, r.currency);
  const dayColumns: Column<SeriesPoint>[] = [
    { header: "Day", value: (p) => p.day, render: (p) => dayLabel(p.day, true) },
    { header: "Clicks", value: (p) => p.clicks, numeric: true },
    { header: "Leads", value: (p) => p.leads, numeric: true },
    { header: "Inbox leads", value: (p) => p.inboxLeads, numeric: true },
    { header: "Sales", value: (p) => p.sales, numeric: true },
    { header: `Value (${r.currency})`, value: (p) => p.value, render: (p) => money(p.value), numeric: true },
    ...(withCost
      ? [{ header: `Cost (${r.currency})`, value: (p: SeriesPoint) => p.cost, render: (p: SeriesPoint) => money(p.cost), numeric: true }]
      : []),
  ];
  return (
    <div className="analytics-report">
      <p className="analytics-period">
        {rangeLabel(r.range.from, r.range.to)} ({r.range.days} days, UTC) · compared with {rangeLabel(r.previous.from, r.previous.to)}
      </p>
      <KpiCards totals={r.totals} previous={r.previousTotals} currency={r.currency} previousRange={r.previous} />
      <Charts report={r} withCost={withCost} />

      <div className="analytics-side">
        <section className="card analytics-assumptions" aria-labelledby="analytics-assumptions">
          <h2 id="analytics-assumptions">How these figures are worked out</h2>
          <ul>
            {r.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
        <section className="card analytics-emv" aria-labelledby="analytics-emv">
          <h2 id="analytics-emv">
            Earned media value <span className="badge">Modelled</span>
          </h2>
          <p className="analytics-emv-value">{r.earnedMedia.value === null ? "Not set" : money(r.earnedMedia.value)}</p>
          <p className="muted">{r.earnedMedia.note}</p>
        </section>
      </div>

      <section className="card" aria-labelledby="analytics-tables">
        <h2 id="analytics-tables">Breakdown</h2>
        {scope === "overview" && (
          <>
            {r.campaigns.some((c) => c.id !== "" && c.clicks > 0) && (
              <>
                <h3 className="analytics-subheading">Clicks per campaign</h3>
                <BarsChart
                  items={r.campaigns
                    .filter((c) => c.id !== "")
                    .slice(0, 12)
                    .map((c) => ({ label: c.label, value: c.clicks }))}
                  label="Clicks per campaign"
                  color={BLUE}
                  format={(v) => v.toLocaleString()}
                />
              </>
            )}
            <DataTable
              caption="Campaigns"
              columns={breakdownColumns(r, "campaigns", withCost)}
              rows={r.campaigns}
              rowKey={(x) => x.id}
              filename={file("campaigns")}
              empty="No campaign had clicks, leads or costs in this period."
            />
          </>
        )}
        {scope !== "link" && (
          <DataTable
            caption="Links"
            columns={breakdownColumns(r, "links", false)}
            rows={r.links}
            rowKey={(x) => x.id}
            filename={file("links")}
            empty="No link was clicked in this period."
          />
        )}
        <DataTable
          caption="Channels"
          columns={breakdownColumns(r, "channels", false)}
          rows={r.channels}
          rowKey={(x) => x.id}
          filename={file("channels")}
          empty="Nothing in this period."
        />
        <DataTable
          caption="Posts"
          columns={breakdownColumns(r, "posts", false)}
          rows={r.posts}
          rowKey={(x) => x.id}
          filename={file("posts")}
          empty="Nothing in this period."
        />
        <details className="analytics-days">
          <summary>Per day</summary>
          <DataTable
            caption="Per day"
            columns={dayColumns}
            rows={[...r.series].reverse()}
            rowKey={(p) => p.day}
            filename={file("days")}
            empty="No days."
          />
        </details>
      </section>
    </div>
  );
}
