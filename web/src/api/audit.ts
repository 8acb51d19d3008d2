import { api } from "./client.js";
import type { AuditPage, AuditVerification } from "./types.js";

export interface AuditFilters {
  /** An exact action, or a prefix ending in "." ("user." matches every user action). */
  action?: string;
  actorId?: string;
  targetId?: string;
  q?: string;
  /** ISO date-times; the log includes `from` and excludes `to`. */
  from?: string;
  to?: string;
}

export const auditKey = ["audit"] as const;
export const auditActionsKey = ["audit-actions"] as const;

export const fetchAuditEvents = (filters: AuditFilters, before?: number, limit = 50) =>
  api<AuditPage>("GET", "/api/audit", { query: { ...filters, before, limit } });

export const fetchAuditActions = () => api<{ actions: string[] }>("GET", "/api/audit/actions").then((r) => r.actions);

export const verifyAuditChain = () => api<AuditVerification>("GET", "/api/audit/verify");
