import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** Horizontal-axis categories (campaigns, channels) as bars, drawn with uPlot on an index scale. */
export function BarsChart({
  items,
  label,
  color,
  format,
}: {
  items: { label: string; value: number }[];
  label: string;
  color: string;
  format: (v: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || items.length === 0) return;
    const muted = getComputedStyle(el).getPropertyValue("--text-muted").trim() || "#5b6470";
    const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
    const short = (s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: 200,
        cursor: { drag: { x: false, y: false } },
        legend: { show: false },
        scales: {
          x: { time: false, range: () => [-0.5, items.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
        },
        axes: [
          {
            stroke: muted,
            grid: { show: false },
            ticks: { show: false },
            splits: () => items.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => short(items[i]?.label ?? "")),
          },
          { stroke: muted, grid: { stroke: "rgb(0 0 0 / 0.06)" }, size: 48, values: (_u, splits) => splits.map(format) },
        ],
        series: [{}, { label, stroke: color, fill: `${color}80`, width: 1, points: { show: false }, ...(bars ? { paths: bars } : {}) }],
      },
      [items.map((_, i) => i), items.map((x) => x.value)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [items, label, color, format]);

  const description =
    items.length === 0 ? `${label}: nothing in this period.` : `${label}: ${items.map((i) => `${i.label} ${format(i.value)}`).join(", ")}.`;
  return <div ref={box} className="analytics-chart" role="img" aria-label={description} />;
}
