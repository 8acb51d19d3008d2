import { api } from "../../api/client.js";

/** Attestation's shapes as the API sends them (server/attestation/schema.ts). */
export interface VersionSummary {
  version: number;
  title: string;
  substantive: boolean;
  note: string;
  publishedBy: string;
  publishedAt: string;
}

export interface MyStatus {
  current: VersionSummary | null;
  requiredVersion: number | null;
  acknowledgedVersion: number | null;
  acknowledgedAt: string | null;
  needed: boolean;
  campaign: { id: string; dueAt: string; allowLate: boolean; overdue: boolean } | null;
}

export interface OpenedPolicy {
  viewId: string;
  servedAt: string;
  version: number;
  title: string;
  html: string;
  sinceVersion: number | null;
  diff: { value: string; added: boolean; removed: boolean }[] | null;
}

export type Audience = { kind: "everyone" } | { kind: "roles"; roles: string[] } | { kind: "teams"; teamIds: string[] };

export interface Campaign {
  id: string;
  version: number;
  audience: Audience;
  dueAt: string;
  allowLate: boolean;
  remindEveryDays: number;
  lastRemindedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  total: number;
  acknowledged: number;
}

export interface ReportRow {
  userId: string;
  name: string;
  email: string;
  acknowledgedVersion: number | null;
  acknowledgedAt: string | null;
  openMs: number | null;
  late: boolean;
}

export const attestationKeys = {
  me: ["attestation", "me"] as const,
  versions: ["attestation", "versions"] as const,
  version: (n: number) => ["attestation", "version", n] as const,
  campaigns: ["attestation", "campaigns"] as const,
  report: (id: string) => ["attestation", "report", id] as const,
};

export const fetchMyStatus = () => api<MyStatus>("GET", "/api/attestation/me");
export const openPolicy = () => api<OpenedPolicy>("POST", "/api/attestation/views");
export const acknowledge = (viewId: string, openMs: number) =>
  api<{ version: number; openMs: number; late: boolean }>("POST", "/api/attestation/acknowledgments", { body: { viewId, openMs } });
export const fetchVersions = () => api<{ versions: VersionSummary[] }>("GET", "/api/attestation/versions").then((r) => r.versions);
export const fetchVersion = (n: number) => api<VersionSummary & { body: string; html: string }>("GET", `/api/attestation/versions/${n}`);
export const publishVersion = (body: {
  title: string;
  body: string;
  note: string;
  substantive: boolean;
  campaign?: { audience: Audience; dueAt: string; allowLate: boolean; remindEveryDays: number };
}) => api<VersionSummary>("POST", "/api/attestation/versions", { body });
export const fetchCampaigns = () => api<{ campaigns: Campaign[] }>("GET", "/api/attestation/campaigns").then((r) => r.campaigns);
export const updateCampaign = (id: string, body: { dueAt?: string; allowLate?: boolean; remindEveryDays?: number; closed?: boolean }) =>
  api<Campaign>("PATCH", `/api/attestation/campaigns/${id}`, { body });
export const fetchReport = (id: string) =>
  api<{ campaign: Campaign; pending: ReportRow[]; acknowledged: ReportRow[] }>("GET", `/api/attestation/campaigns/${id}/report`);
