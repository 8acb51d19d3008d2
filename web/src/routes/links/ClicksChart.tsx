import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ClickSeries } from "../../api/links.js";

const HOUR = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
const DAY = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const TICK_DAY = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const TICK_DATE = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const TICK_HOUR = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** Axis labels in the reader's locale: hours as 14:00 with the date at midnight; days as 24 Nov. */
function tickLabel(series: ClickSeries, seconds: number): string {
  const at = new Date(seconds * 1000);
  if (series.interval === "day") return TICK_DAY.format(at);
  return at.getHours() === 0 ? TICK_DATE.format(at) : TICK_HOUR.format(at);
}

/** A point's start in seconds: an hour's instant, or a local date drawn at its UTC midnight (labels use UTC too). */
const secondsOf = (series: ClickSeries, at: string) => Date.parse(series.interval === "hour" ? at : `${at}T00:00:00Z`) / 1000;
export const labelOf = (series: ClickSeries, at: string) =>
  series.interval === "hour" ? HOUR.format(new Date(at)) : DAY.format(new Date(`${at}T00:00:00Z`));

/** What the chart shows, for people who cannot see it. */
export function describeClicks(series: ClickSeries): string {
  const span = series.interval === "hour" ? `the last ${series.points.length} hours` : `the last ${series.points.length} days`;
  const peak = series.points.reduce<ClickSeries["points"][number] | null>((best, p) => (!best || p.clicks > best.clicks ? p : best), null);
  if (!peak || peak.clicks === 0) return `No clicks in ${span}.`;
  return `${series.total} clicks in ${span}; the most, ${peak.clicks}, ${series.interval === "hour" ? "in the hour from" : "on"} ${labelOf(series, peak.at)}.`;
}

/** Counted clicks per hour or per day as bars, drawn with uPlot on a canvas. */
export function ClicksChart({ series }: { series: ClickSeries }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || series.points.length === 0) return;
    const data: uPlot.AlignedData = [series.points.map((p) => secondsOf(series, p.at)), series.points.map((p) => p.clicks)];
    const styles = getComputedStyle(el);
    const accent = styles.getPropertyValue("--accent").trim() || "#2f55d4";
    const muted = styles.getPropertyValue("--text-muted").trim() || "#5b6470";
    const bars = uPlot.paths.bars?.({ size: [0.7, 28] });
    const step = series.interval === "hour" ? 3600 : 86_400;
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: 220,
        cursor: { drag: { x: false, y: false } },
        // Days are local dates drawn at UTC midnight: label them in UTC so a date is not shown as the evening before.
        ...(series.interval === "day" ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC") } : {}),
        legend: { show: true, live: true },
        scales: {
          // Half a slot of room at each end, so the first and last bars are not cut in half.
          x: { time: true, range: (_u, min, max) => [min - step / 2, max + step / 2] },
          y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
        },
        axes: [
          {
            stroke: muted,
            grid: { show: false },
            ticks: { stroke: "rgb(0 0 0 / 0.1)" },
            space: 60,
            values: (_u, splits) => splits.map((v) => tickLabel(series, v)),
          },
          {
            stroke: muted,
            grid: { stroke: "rgb(0 0 0 / 0.06)" },
            ticks: { stroke: "rgb(0 0 0 / 0.1)" },
            size: 40,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
          },
        ],
        series: [
          {
            label: series.interval === "hour" ? "Hour" : "Day",
            value: (_u, v) =>
              v == null
                ? "—"
                : labelOf(
                    series,
                    series.interval === "hour" ? new Date(v * 1000).toISOString() : new Date(v * 1000).toISOString().slice(0, 10),
                  ),
          },
          {
            label: "Clicks",
            stroke: accent,
            fill: "rgb(47 85 212 / 0.35)",
            width: 1,
            points: { show: false },
            ...(bars ? { paths: bars } : {}),
          },
        ],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series]);

  return <div ref={box} className="links-chart" role="img" aria-label={describeClicks(series)} />;
}
