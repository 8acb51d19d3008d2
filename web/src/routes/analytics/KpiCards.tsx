import type { Kpis } from "./api.js";
import { formatCount, formatMoney, formatRoi, rangeLabel } from "./format.js";

interface Kpi {
  key: string;
  label: string;
  now: number | null;
  before: number | null;
  format: (v: number | null) => string;
  /** For costs, going down is good. */
  lowerIsBetter?: boolean;
}

function Delta({ kpi }: { kpi: Kpi }) {
  if (kpi.now === null || kpi.before === null) return <span className="analytics-delta muted">no comparison</span>;
  if (kpi.before === 0) return <span className="analytics-delta muted">{kpi.now === 0 ? "no change" : "new"}</span>;
  const change = (kpi.now - kpi.before) / Math.abs(kpi.before);
  if (Math.abs(change) < 0.005) return <span className="analytics-delta muted">no change</span>;
  const good = kpi.lowerIsBetter ? change < 0 : change > 0;
  return (
    <span className={good ? "analytics-delta analytics-delta-good" : "analytics-delta analytics-delta-bad"}>
      {change > 0 ? "▲" : "▼"} {Math.abs(change * 100).toLocaleString(undefined, { maximumFractionDigits: 0 })} %
    </span>
  );
}

/** The headline figures, each against the previous period of the same length. */
export function KpiCards({
  totals,
  previous,
  currency,
  previousRange,
}: {
  totals: Kpis;
  previous: Kpis;
  currency: string;
  previousRange: { from: string; to: string };
}) {
  const money = (v: number | null) => formatMoney(v, currency);
  const kpis: Kpi[] = [
    { key: "clicks", label: "Clicks", now: totals.clicks, before: previous.clicks, format: formatCount },
    {
      key: "leads",
      label: "Leads",
      now: totals.leads + totals.inboxLeads,
      before: previous.leads + previous.inboxLeads,
      format: formatCount,
    },
    { key: "sales", label: "Sales", now: totals.sales, before: previous.sales, format: formatCount },
    { key: "value", label: "Value", now: totals.value, before: previous.value, format: money },
  ];
  if (totals.cost !== null) {
    kpis.push(
      { key: "cost", label: "Cost", now: totals.cost, before: previous.cost, format: money, lowerIsBetter: true },
      { key: "cpl", label: "Cost per lead", now: totals.costPerLead, before: previous.costPerLead, format: money, lowerIsBetter: true },
      { key: "cpc", label: "Cost per click", now: totals.costPerClick, before: previous.costPerClick, format: money, lowerIsBetter: true },
      { key: "roi", label: "ROI", now: totals.roi, before: previous.roi, format: formatRoi },
    );
  }
  return (
    <dl className="analytics-kpis" aria-label={`Totals, compared with ${rangeLabel(previousRange.from, previousRange.to)}`}>
      {kpis.map((k) => (
        <div key={k.key} className="analytics-kpi" data-kpi={k.key}>
          <dt>{k.label}</dt>
          <dd>
            <span className="analytics-kpi-value">{k.format(k.now)}</span>
            <Delta kpi={k} />
            <span className="analytics-kpi-before">before: {k.format(k.before)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
