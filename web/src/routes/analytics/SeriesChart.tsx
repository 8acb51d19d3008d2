import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { dayLabel } from "./format.js";

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Which y axis: the left one (counts) or the right one (money or a ratio). */
  axis: "left" | "right";
  kind: "line" | "bars";
  format: (v: number) => string;
  /** Whole numbers only (counts): the axis then has no fractional ticks. */
  integer?: boolean;
}

const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 500_000, 1_000_000];
const secondsOf = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/**
 * Daily values over a date range, drawn with uPlot: bars and lines on one time axis, with a second y
 * axis on the right when a series needs one. Days are UTC, so the axis is labelled in UTC.
 */
export function SeriesChart({
  days,
  series,
  label,
  height = 240,
}: {
  days: string[];
  series: ChartSeries[];
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || days.length === 0) return;
    const styles = getComputedStyle(el);
    const muted = styles.getPropertyValue("--text-muted").trim() || "#5b6470";
    const bars = uPlot.paths.bars?.({ size: [0.6, 24] });
    const right = series.find((s) => s.axis === "right");
    const left = series.find((s) => s.axis === "left");
    const data: uPlot.AlignedData = [days.map(secondsOf), ...series.map((s) => s.values)];
    const axisBase = { stroke: muted, ticks: { stroke: "rgb(0 0 0 / 0.1)" } };
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height,
        cursor: { drag: { x: false, y: false } },
        tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        legend: { show: true, live: true },
        scales: {
          x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] },
          left: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
          ...(right
            ? {
                right: {
                  range: (_u, min, max) =>
                    right.integer ? [0, Math.max(4, Math.ceil(max * 1.15))] : [Math.min(0, min * 1.15), Math.max(1, max * 1.15)],
                },
              }
            : {}),
        },
        axes: [
          {
            ...axisBase,
            grid: { show: false },
            space: 60,
            values: (_u, splits) => splits.map((v) => dayLabel(new Date(v * 1000).toISOString().slice(0, 10))),
          },
          {
            ...axisBase,
            scale: "left",
            grid: { stroke: "rgb(0 0 0 / 0.06)" },
            size: 56,
            ...(left?.integer ? { incrs: COUNT_STEPS } : {}),
            values: (_u: uPlot, splits: number[]) => splits.map((v) => (left ? left.format(v) : String(v))),
          },
          ...(right
            ? [
                {
                  ...axisBase,
                  scale: "right",
                  side: 1,
                  grid: { show: false },
                  size: 64,
                  ...(right.integer ? { incrs: COUNT_STEPS } : {}),
                  values: (_u: uPlot, splits: number[]) => splits.map((v) => right.format(v)),
                },
              ]
            : []),
        ],
        series: [
          { label: "Day", value: (_u, v) => (v == null ? "—" : dayLabel(new Date(v * 1000).toISOString().slice(0, 10), true)) },
          ...series.map((s) => ({
            label: s.label,
            scale: s.axis,
            stroke: s.color,
            width: s.kind === "bars" ? 1 : 2,
            points: { show: s.kind === "line" && days.length < 45 },
            value: (_u: uPlot, v: number | null) => (v == null ? "—" : s.format(v)),
            ...(s.kind === "bars" && bars ? { paths: bars, fill: `${s.color}59` } : {}),
          })),
        ],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series, height]);

  return <div ref={box} className="analytics-chart" role="img" aria-label={label} />;
}
