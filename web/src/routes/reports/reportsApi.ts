import { api } from "../../api/client.js";

/** The reports' shapes as the API sends them (server/reports/schema.ts). */
export type ReportName = "requests" | "sla" | "deflection" | "training" | "attestation" | "advocacy";
export type ReportCell = string | number | null;

export interface ReportListItem {
  name: ReportName;
  title: string;
  ranged: boolean;
}

export interface Report extends ReportListItem {
  range: { from: string; to: string } | null;
  generatedAt: string;
  columns: { key: string; label: string }[];
  rows: Record<string, ReportCell>[];
}

export interface Range {
  from: string;
  to: string;
}

export const reportKeys = {
  list: ["reports"] as const,
  one: (name: ReportName, range: Range) => ["reports", name, range.from, range.to] as const,
};

export const fetchReports = () => api<{ reports: ReportListItem[] }>("GET", "/api/reports").then((r) => r.reports);
export const fetchReport = (name: ReportName, range: Range) => api<Report>("GET", `/api/reports/${name}`, { query: { ...range } });
export const csvUrl = (name: ReportName, range: Range) => `/api/reports/${name}.csv?${new URLSearchParams({ ...range }).toString()}`;
