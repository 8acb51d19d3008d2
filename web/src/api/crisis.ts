import { api } from "./client.js";

export type AlertStatus = "open" | "acknowledged" | "resolved";

export interface CrisisAlertSummary {
  id: string;
  series: string;
  /** The brand (a channel) or listening topic that surged. */
  subject: { kind: "channel" | "topic"; id: string; name: string };
  severity: "warning" | "major" | "critical" | string;
  raisedAt: string;
  spikeStart: string;
  window: "recent" | "day";
  negative: number;
  total: number;
  negativeShare: number;
  baselineNegative: number;
  baselineShare: number;
  ratio: number;
  messageCount: number;
  status: AlertStatus;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}

export interface CrisisState {
  active: {
    id: string;
    reason: string;
    startedAt: string;
    startedBy: string | null;
    pauseId: string | null;
    alertId: string | null;
  } | null;
  alerts: CrisisAlertSummary[];
}

export interface SeriesPoint {
  hour: string;
  negative: number;
  total: number;
  baseline: number | null;
}

export interface AlertMessage {
  id: string;
  conversationId: string;
  author: string | null;
  text: string;
  truncated: boolean;
  url: string | null;
  sentAt: string;
}

export interface CrisisAlertDetail {
  alert: CrisisAlertSummary;
  series: SeriesPoint[];
  messages: AlertMessage[];
}

export type DeliveryStatus = "pending" | "retrying" | "delivered" | "failed";

export interface WebhookDelivery {
  id: string;
  event: string;
  alertId: string | null;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface CrisisWebhook {
  id: string;
  url: string;
  description: string;
  enabled: boolean;
  hasSecret: boolean;
  secretUpdatedAt: string | null;
  createdAt: string;
  failedDeliveries: number;
  lastDelivery: WebhookDelivery | null;
}

export interface WebhookInput {
  url: string;
  description: string;
  enabled: boolean;
  secret?: string;
}

export const crisisKey = ["crisis"] as const;
export const crisisAlertKey = (id: string) => [...crisisKey, "alert", id] as const;
export const crisisWebhooksKey = [...crisisKey, "webhooks"] as const;

export const fetchCrisis = () => api<CrisisState>("GET", "/api/inbox/crisis");
export const startCrisis = (input: { reason: string; alertId?: string }) => api<CrisisState>("POST", "/api/inbox/crisis", { body: input });
export const endCrisis = (id: string) => api<CrisisState>("POST", `/api/inbox/crisis/${encodeURIComponent(id)}/end`, { body: {} });

export const fetchAlert = (id: string) => api<CrisisAlertDetail>("GET", `/api/inbox/crisis/alerts/${encodeURIComponent(id)}`);
export const acknowledgeAlert = (id: string) =>
  api<CrisisAlertDetail>("POST", `/api/inbox/crisis/alerts/${encodeURIComponent(id)}/acknowledge`, { body: {} });
export const resolveAlert = (id: string, note: string) =>
  api<CrisisAlertDetail>("POST", `/api/inbox/crisis/alerts/${encodeURIComponent(id)}/resolve`, { body: { note } });

export const fetchWebhooks = () => api<{ items: CrisisWebhook[] }>("GET", "/api/inbox/crisis/webhooks").then((r) => r.items);
export const createWebhook = (input: WebhookInput) => api<CrisisWebhook>("POST", "/api/inbox/crisis/webhooks", { body: input });
export const updateWebhook = (id: string, input: WebhookInput) =>
  api<CrisisWebhook>("PUT", `/api/inbox/crisis/webhooks/${encodeURIComponent(id)}`, { body: input });
export const deleteWebhook = (id: string) => api<{ deleted: true }>("DELETE", `/api/inbox/crisis/webhooks/${encodeURIComponent(id)}`);
export const testWebhook = (id: string) =>
  api<WebhookDelivery>("POST", `/api/inbox/crisis/webhooks/${encodeURIComponent(id)}/test`, { body: {} });
