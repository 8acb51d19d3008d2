import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { csvUrl, fetchReport, fetchReports, type Range, type ReportCell, type ReportListItem, reportKeys } from "./reportsApi.js";
import "./reports.css";

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The last 30 days, today included (UTC, as the server counts them). */
function defaultRange(now = Date.now()): Range {
  return { from: day(now - 29 * DAY_MS), to: day(now) };
}

const PRESETS: { label: string; range: (now: number) => Range }[] = [
  { label: "Last 7 days", range: (now) => ({ from: day(now - 6 * DAY_MS), to: day(now) }) },
  { label: "Last 30 days", range: (now) => defaultRange(now) },
  { label: "Last 90 days", range: (now) => ({ from: day(now - 89 * DAY_MS), to: day(now) }) },
  {
    label: "This year",
    range: (now) => ({ from: `${new Date(now).getUTCFullYear()}-01-01`, to: day(now) }),
  },
];

const formatCell = (value: ReportCell, key: string) => {
  if (value === null) return "—";
  if (typeof value === "number")
    return key.endsWith("attainment") || key === "rate" || key === "completion" || key === "coverage"
      ? `${value} %`
      : value.toLocaleString("en-GB");
  return value;
};

function ReportSection({ item, range }: { item: ReportListItem; range: Range }) {
  const report = useQuery({ queryKey: reportKeys.one(item.name, range), queryFn: () => fetchReport(item.name, range) });
  const headingId = `report-${item.name}`;
  // A column is numeric (right-aligned, header too) when every value in it is a number or empty.
  const numeric = new Set(
    (report.data?.columns ?? [])
      .filter((c) => report.data?.rows.every((row) => typeof row[c.key] === "number" || row[c.key] === null))
      .map((c) => c.key),
  );
  return (
    <section className="section report" aria-labelledby={headingId}>
      <div className="report-head">
        <h2 id={headingId}>{item.title}</h2>
        <span className="muted report-scope">{item.ranged ? `${range.from} to ${range.to}` : "As of now"}</span>
        <a className="button button-small" href={csvUrl(item.name, range)} download aria-label={`Download ${item.title} as CSV`}>
          Download CSV
        </a>
      </div>
      {report.isPending && <Loading label={`Loading ${item.title.toLowerCase()}…`} />}
      <ErrorMessage error={report.error} title={`${item.title} could not be loaded`} />
      {report.data && report.data.rows.length === 0 && (
        <EmptyState title="Nothing to count">{item.ranged ? "Nothing happened in these days. Try a wider range." : null}</EmptyState>
      )}
      {report.data && report.data.rows.length > 0 && (
        <div className="table-wrap">
          <table className="table report-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                {report.data.columns.map((c, i) => (
                  <th key={c.key} scope="col" className={i > 0 && numeric.has(c.key) ? "report-number" : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((row, r) => {
                const first = report.data.columns[0]?.key ?? "";
                const total = row[first] === "Total";
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no id and never reorder in place
                  <tr key={r} className={total ? "report-total" : undefined}>
                    {report.data.columns.map((c, i) =>
                      i === 0 ? (
                        <th key={c.key} scope="row">
                          {formatCell(row[c.key] ?? null, c.key)}
                        </th>
                      ) : (
                        <td key={c.key} className={numeric.has(c.key) ? "report-number" : "report-text"}>
                          {formatCell(row[c.key] ?? null, c.key)}
                        </td>
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {report.data && (
        <p className="muted report-generated">
          Counted <Time iso={report.data.generatedAt} />.
        </p>
      )}
    </section>
  );
}

/** /reports: help desk and people reports for leads and admins, each with its CSV. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const range: Range = DAY_PATTERN.test(from) && DAY_PATTERN.test(to) && from <= to ? { from, to } : fallback;
  const reports = useQuery({ queryKey: reportKeys.list, queryFn: fetchReports });
  const setRange = (next: Range) => setParams({ from: next.from, to: next.to }, { replace: true });

  return (
    <>
      <PageHeader
        title="Reports"
        description="Help desk requests, SLA attainment, knowledge-base deflection, training completion and policy acknowledgments. Every table downloads as CSV."
      />
      <form className="report-range" aria-label="Date range" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="From"
          type="date"
          className="report-date"
          value={range.from}
          max={range.to}
          onChange={(e) => DAY_PATTERN.test(e.target.value) && setRange({ from: e.target.value, to: range.to })}
        />
        <TextField
          label="To"
          type="date"
          className="report-date"
          value={range.to}
          min={range.from}
          onChange={(e) => DAY_PATTERN.test(e.target.value) && setRange({ from: range.from, to: e.target.value })}
        />
        <div className="report-presets">
          {PRESETS.map((p) => (
            <button key={p.label} type="button" className="button button-small" onClick={() => setRange(p.range(Date.now()))}>
              {p.label}
            </button>
          ))}
        </div>
        <p className="muted report-note">Days are UTC. Training and policy figures are as of now.</p>
      </form>
      {reports.isPending && <Loading label="Loading reports…" />}
      <ErrorMessage error={reports.error} title="Reports could not be loaded" />
      {reports.data && reports.data.length === 0 && <EmptyState title="No reports for you">Reports are for leads and admins.</EmptyState>}
      {reports.data?.map((item) => (
        <ReportSection key={item.name} item={item} range={range} />
      ))}
    </>
  );
}
