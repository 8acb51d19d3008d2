import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { fetchPractice, type PracticeReport, type PracticeRow } from "../../api/bestTime.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { SelectField } from "../../components/SelectField.js";
import { analyticsKey } from "./api.js";
import { type Column, DataTable } from "./DataTable.js";
import { dayLabel } from "./format.js";
import { type ChartSeries, SeriesChart } from "./SeriesChart.js";

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}\u00a0%`);
const ratio = (r: PracticeRow) =>
  r.talkToListen !== null ? r.talkToListen.toLocaleString(undefined, { maximumFractionDigits: 2 }) : r.posts > 0 ? "no replies" : "—";

const counts: Column<PracticeRow>[] = [
  { header: "Posts", value: (r) => r.posts, numeric: true },
  { header: "Promo", value: (r) => r.promotional, numeric: true },
  { header: "Replies", value: (r) => r.replies, numeric: true },
  { header: "Inbound", value: (r) => r.inbound, numeric: true },
  { header: "Talk-to-listen", value: (r) => r.talkToListen, render: ratio, numeric: true },
  { header: "Pitch", value: (r) => r.pitchRatio, render: (r) => percent(r.pitchRatio), numeric: true },
  { header: "Conversations", value: (r) => r.conversations, numeric: true },
  { header: "Answered", value: (r) => r.answered, numeric: true },
  { header: "Response", value: (r) => r.responseRate, render: (r) => percent(r.responseRate), numeric: true },
];

type Channel = PracticeReport["accounts"][number];
const weekColumns: Column<PracticeRow>[] = [
  { header: "Week of", value: (r) => r.week ?? "", render: (r) => dayLabel(r.week ?? "") },
  ...counts,
];
const channelColumns: Column<Channel>[] = [
  {
    header: "Channel",
    value: (c) => `${c.network} · ${c.handle}`,
    render: (c) => (
      <>
        {c.handle}
        <br />
        <span className="muted">{c.network}</span>
      </>
    ),
  },
  ...counts.map((c) => ({
    ...c,
    value: (ch: Channel) => c.value(ch.total),
    render: (ch: Channel) => (c.render ? c.render(ch.total) : c.value(ch.total)),
  })),
];

/** How each channel behaves week by week: talk-to-listen, pitch ratio and response rate, with CSV. */
export function PracticePanel({ from, to, accountId }: { from: string; to: string; accountId: string }) {
  const headingId = useId();
  const report = useQuery({
    queryKey: [...analyticsKey, "practice", from, to, accountId],
    queryFn: () => fetchPractice(from, to, accountId || undefined),
  });
  const [chosen, setChosen] = useState("");
  const channels = report.data?.accounts ?? [];
  const channel = channels.find((c) => c.accountId === chosen) ?? channels[0];
  const series = useMemo<ChartSeries[]>(
    () =>
      channel
        ? [
            {
              label: "Talk-to-listen",
              values: channel.weeks.map((w) => w.talkToListen),
              color: "#2f55d4",
              axis: "left",
              kind: "line",
              format: (v) => v.toFixed(1),
            },
            {
              label: "Pitch ratio",
              values: channel.weeks.map((w) => w.pitchRatio),
              color: "#c2570c",
              axis: "right",
              kind: "line",
              format: (v) => percent(v),
            },
            {
              label: "Response rate",
              values: channel.weeks.map((w) => w.responseRate),
              color: "#1a7f4b",
              axis: "right",
              kind: "line",
              format: (v) => percent(v),
            },
          ]
        : [],
    [channel],
  );
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Talk, listen and answer</h2>
      {report.isPending ? (
        <Loading label="Loading practice ratios…" />
      ) : report.isError ? (
        <ErrorMessage error={report.error} title="Practice ratios could not be loaded" />
      ) : channels.length === 0 || !channel ? (
        <p className="muted">No channel published, answered or heard anything in this period.</p>
      ) : (
        <>
          <p className="muted">
            Weeks from {dayLabel(report.data.range.from)} to {dayLabel(report.data.range.to, true)} (Monday to Sunday, UTC).
            {report.data.truncated ? " The period has too much activity to count in full: shorten it." : ""}
          </p>
          <div className="analytics-filters">
            <SelectField label="Channel over time" value={channel.accountId} onChange={(e) => setChosen(e.target.value)}>
              {channels.map((c) => (
                <option key={c.accountId} value={c.accountId}>
                  {c.network} · {c.handle}
                </option>
              ))}
            </SelectField>
          </div>
          <SeriesChart
            days={report.data.weeks}
            series={series}
            label={`${channel.handle}: talk-to-listen ${ratio(channel.total)}, pitch ratio ${percent(channel.total.pitchRatio)}, response rate ${percent(channel.total.responseRate)} over the period.`}
          />
          <DataTable
            caption={`Week by week: ${channel.network} · ${channel.handle}`}
            columns={weekColumns}
            rows={channel.weeks}
            rowKey={(r) => r.week ?? ""}
            filename={`practice-${channel.handle}-${report.data.range.from}-to-${report.data.range.to}.csv`}
            empty="No weeks in this period."
          />
          <DataTable
            caption="Every channel, whole period"
            columns={channelColumns}
            rows={channels}
            rowKey={(c) => c.accountId}
            filename={`practice-channels-${report.data.range.from}-to-${report.data.range.to}.csv`}
            empty="No channel was active."
          />
          <details>
            <summary>How these are counted</summary>
            <ul>
              {report.data.definitions.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
