import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { SeriesPoint } from "../../api/crisis.js";

const HOUR_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric" });
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** Axis labels in the reader's locale: the day at midnight, the time of day otherwise. */
const tickLabels = (_u: uPlot, splits: number[]) =>
  splits.map((s) => {
    const d = new Date(s * 1000);
    return d.getHours() === 0 && d.getMinutes() === 0 ? DAY_FORMAT.format(d) : TIME_FORMAT.format(d);
  });

/** What the chart shows, for people who cannot see it. */
export function describeSeries(points: readonly SeriesPoint[], spikeStart: string): string {
  const peak = points.reduce<SeriesPoint | null>((best, p) => (!best || p.negative > best.negative ? p : best), null);
  if (!peak) return "No messages in this period.";
  const usual = peak.baseline === null ? "no baseline yet" : `${peak.baseline} usually at that hour`;
  return `Negative messages per hour from ${HOUR_FORMAT.format(new Date(points[0]?.hour ?? spikeStart))}: the spike starts ${HOUR_FORMAT.format(new Date(spikeStart))} and peaks at ${peak.negative} (${usual}) at ${HOUR_FORMAT.format(new Date(peak.hour))}.`;
}

/**
 * Negative messages per hour (bars), all messages (a thin line) and the baseline (the same hour's median
 * over the week before, dashed), with the spike's start marked. Drawn with uPlot on a canvas.
 */
export function SeriesChart({ points, spikeStart, raisedAt }: { points: readonly SeriesPoint[]; spikeStart: string; raisedAt: string }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const xs = points.map((p) => Date.parse(p.hour) / 1000);
    const data: uPlot.AlignedData = [xs, points.map((p) => p.negative), points.map((p) => p.baseline), points.map((p) => p.total)];
    const styles = getComputedStyle(el);
    const danger = styles.getPropertyValue("--danger").trim() || "#b42318";
    const muted = styles.getPropertyValue("--text-muted").trim() || "#5b6470";
    const accent = styles.getPropertyValue("--accent").trim() || "#2f55d4";
    const spikeAt = Date.parse(spikeStart) / 1000;
    const raisedAtS = Date.parse(raisedAt) / 1000;
    const bars = uPlot.paths.bars?.({ size: [0.8, 14] });
    const options: uPlot.Options = {
      width: el.clientWidth,
      height: 220,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: muted, grid: { stroke: "rgb(0 0 0 / 0.06)" }, ticks: { stroke: "rgb(0 0 0 / 0.1)" }, values: tickLabels },
        { stroke: muted, grid: { stroke: "rgb(0 0 0 / 0.06)" }, ticks: { stroke: "rgb(0 0 0 / 0.1)" }, size: 40 },
      ],
      series: [
        { label: "Hour", value: (_u, v) => (v == null ? "—" : HOUR_FORMAT.format(new Date(v * 1000))) },
        {
          label: "Negative",
          stroke: danger,
          fill: "rgb(180 35 24 / 0.35)",
          width: 1,
          points: { show: false },
          ...(bars ? { paths: bars } : {}),
        },
        { label: "Usual negative", stroke: muted, width: 1.5, dash: [5, 4], spanGaps: true, points: { show: false } },
        { label: "All messages", stroke: accent, width: 1, show: false, points: { show: false } },
      ],
      hooks: {
        // The spike's start and the moment the alert was raised, as vertical lines.
        draw: [
          (u) => {
            const { ctx } = u;
            const { top, height } = u.bbox;
            for (const [at, color] of [
              [spikeAt, "rgb(147 55 13 / 0.7)"],
              [raisedAtS, danger],
            ] as const) {
              const x = Math.round(u.valToPos(at, "x", true));
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.save();
              ctx.strokeStyle = color;
              ctx.setLineDash([2, 3]);
              ctx.lineWidth = 1.5;
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + height);
              ctx.stroke();
              ctx.restore();
            }
          },
        ],
      },
    };
    const plot = new uPlot(options, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, spikeStart, raisedAt]);

  return (
    <figure className="crisis-chart">
      <div ref={box} role="img" aria-label={describeSeries(points, spikeStart)} />
      <figcaption className="muted">
        Negative messages per hour against the same hour’s median over the week before. Dotted lines: the spike’s start and the alert.
      </figcaption>
    </figure>
  );
}
