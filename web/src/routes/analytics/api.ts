import { api } from "../../api/client.js";

/** GET /api/analytics/report (server/analytics/schema.ts). Money is in the reporting currency's main unit. */
export interface Kpis {
  clicks: number;
  leads: number;
  inboxLeads: number;
  signups: number;
  sales: number;
  value: number;
  cost: number | null;
  costPerLead: number | null;
  costPerClick: number | null;
  roi: number | null;
  unsigned: number;
}

export interface BreakdownRow {
  id: string;
  label: string;
  detail: string | null;
  clicks: number;
  leads: number;
  inboxLeads: number;
  sales: number;
  value: number;
  cost: number | null;
  costPerLead: number | null;
  roi: number | null;
}

export interface SeriesPoint {
  day: string;
  clicks: number;
  leads: number;
  inboxLeads: number;
  sales: number;
  value: number;
  cost: number;
}

export interface Report {
  currency: string;
  range: { from: string; to: string; days: number };
  previous: { from: string; to: string };
  totals: Kpis;
  previousTotals: Kpis;
  series: SeriesPoint[];
  campaigns: BreakdownRow[];
  channels: BreakdownRow[];
  posts: BreakdownRow[];
  links: BreakdownRow[];
  earnedMedia: { modelled: true; value: number | null; cpc: number | null; cpm: number | null; impressions: number | null; note: string };
  assumptions: string[];
}

export interface ReportFilter {
  from: string;
  to: string;
  campaignId?: string | undefined;
  accountId?: string | undefined;
  linkId?: string | undefined;
  postId?: string | undefined;
}

export interface Cost {
  id: string;
  campaignId: string;
  kind: "money" | "hours";
  hours: number | null;
  rate: number | null;
  amount: number;
  currency: string;
  note: string;
  incurredOn: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

export interface AnalyticsSettings {
  currency: string;
  cpm: number | null;
  cpc: number | null;
  pixelEnabled: boolean;
  signingSecret: { configured: boolean; updatedAt: string | null };
  updatedAt: string | null;
}

export interface SlaAttainment {
  met: number;
  missed: number;
  breachedOpen: number;
  open: number;
  /** met ÷ (met + missed + breachedOpen), 0–1. */
  attainment: number | null;
}

export interface ServiceRow {
  id: string;
  label: string;
  count: number;
  answered: number;
  responseRate: number | null;
  medianFirstResponseMinutes: number | null;
  medianBusinessFirstResponseMinutes: number | null;
  resolved: number;
  medianResolutionMinutes: number | null;
  medianBusinessResolutionMinutes: number | null;
  noSla: number;
  sla: Record<"first_response" | "next_response" | "resolution", SlaAttainment>;
}

export interface ServiceReport {
  range: { from: string; to: string };
  inbox: { teams: ServiceRow[]; agents: ServiceRow[] };
  helpdesk: { queues: ServiceRow[]; agents: ServiceRow[] };
  truncated: boolean;
  notYet: string[];
  elsewhere: { label: string; path: string }[];
}

export const analyticsKey = ["analytics"] as const;

export const fetchReport = (filter: ReportFilter) => api<Report>("GET", "/api/analytics/report", { query: { ...filter } });
export const fetchService = (from: string, to: string) => api<ServiceReport>("GET", "/api/analytics/service", { query: { from, to } });
export const fetchSettings = () => api<AnalyticsSettings>("GET", "/api/analytics/settings");
export const saveSettings = (input: Partial<Pick<AnalyticsSettings, "currency" | "cpm" | "cpc" | "pixelEnabled">>) =>
  api<AnalyticsSettings>("PATCH", "/api/analytics/settings", { body: input });
export const rotateSecret = () => api<{ secret: string }>("POST", "/api/analytics/conversion-secret");
export const fetchCosts = (campaignId: string) =>
  api<{ items: Cost[] }>("GET", `/api/analytics/campaigns/${encodeURIComponent(campaignId)}/costs`).then((r) => r.items);
export const addCost = (
  campaignId: string,
  input:
    | { kind: "money"; amount: number; note: string; incurredOn: string }
    | { kind: "hours"; hours: number; rate: number; note: string; incurredOn: string },
) => api<Cost>("POST", `/api/analytics/campaigns/${encodeURIComponent(campaignId)}/costs`, { body: input });
export const deleteCost = (campaignId: string, costId: string) =>
  api<null>("DELETE", `/api/analytics/campaigns/${encodeURIComponent(campaignId)}/costs/${encodeURIComponent(costId)}`);
