import type { ServiceRow } from "./api.js";
import type { Column } from "./DataTable.js";

/** What the service tables show: one view at a time, so each table fits beside its neighbour on a laptop. */
export const SERVICE_VIEWS = {
  first_response: "First response times",
  resolution: "Resolution times",
  sla_first_response: "SLA: first response",
  sla_next_response: "SLA: next response",
  sla_resolution: "SLA: resolution",
} as const;
export type ServiceView = keyof typeof SERVICE_VIEWS;

export const SERVICE_VIEW_HELP: Record<ServiceView, string> = {
  first_response:
    "Medians from the first message to the first reply: wall clock (every minute), and business hours (the minutes the SLA clock ran on its calendar, pauses left out; only items with an SLA).",
  resolution:
    "Medians from the start to the latest resolution (wall clock), and the business minutes each resolution clock ran (a reopened item's second clock counts on its own).",
  sla_first_response: "First-response clocks, one per conversation or request with an SLA.",
  sla_next_response: "Next-response clocks: one each time the customer writes again after a reply.",
  sla_resolution: "Resolution clocks: one per opening, so a reopened item counts again.",
};

const minutes = (v: number | null) => {
  if (v === null) return "—";
  if (v < 90) return `${Math.round(v)} min`;
  if (v < 48 * 60) return `${(v / 60).toLocaleString(undefined, { maximumFractionDigits: 1 })} h`;
  return `${(v / 1440).toLocaleString(undefined, { maximumFractionDigits: 1 })} d`;
};
const share = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10} %`);
/** The CSV keeps plain numbers: percentages with one decimal, minutes as minutes. */
const percentValue = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function serviceColumns(view: ServiceView, first: string, items: string): Column<ServiceRow>[] {
  const label: Column<ServiceRow> = { header: first, value: (r) => r.label };
  if (view === "first_response")
    return [
      label,
      { header: items, value: (r) => r.count, numeric: true },
      { header: "Answered", value: (r) => r.answered, numeric: true },
      { header: "Response rate %", value: (r) => percentValue(r.responseRate), render: (r) => share(r.responseRate), numeric: true },
      {
        header: "Median, wall clock (min)",
        value: (r) => r.medianFirstResponseMinutes,
        render: (r) => minutes(r.medianFirstResponseMinutes),
        numeric: true,
      },
      {
        header: "Median, business hours (min)",
        value: (r) => r.medianBusinessFirstResponseMinutes,
        render: (r) => minutes(r.medianBusinessFirstResponseMinutes),
        numeric: true,
      },
    ];
  if (view === "resolution")
    return [
      label,
      { header: items, value: (r) => r.count, numeric: true },
      { header: "Resolved", value: (r) => r.resolved, numeric: true },
      {
        header: "Median, wall clock (min)",
        value: (r) => r.medianResolutionMinutes,
        render: (r) => minutes(r.medianResolutionMinutes),
        numeric: true,
      },
      {
        header: "Median, business hours (min)",
        value: (r) => r.medianBusinessResolutionMinutes,
        render: (r) => minutes(r.medianBusinessResolutionMinutes),
        numeric: true,
      },
    ];
  const metric = view === "sla_first_response" ? "first_response" : view === "sla_next_response" ? "next_response" : "resolution";
  return [
    label,
    { header: "Met", value: (r) => r.sla[metric].met, numeric: true },
    { header: "Missed", value: (r) => r.sla[metric].missed, numeric: true },
    { header: "Breached, open", value: (r) => r.sla[metric].breachedOpen, numeric: true },
    { header: "Open, on time", value: (r) => r.sla[metric].open, numeric: true },
    {
      header: "Attainment %",
      value: (r) => percentValue(r.sla[metric].attainment),
      render: (r) => <strong>{share(r.sla[metric].attainment)}</strong>,
      numeric: true,
    },
    { header: "No SLA", value: (r) => r.noSla, numeric: true },
  ];
}
