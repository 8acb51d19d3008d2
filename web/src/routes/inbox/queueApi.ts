import { api } from "../../api/client.js";
import { inboxKey, type SentReply } from "../../api/inbox.js";

/** The queue's API (docs/inbox.md: SLA, assignment, reply approval, leads). */

export type Presence = "available" | "away" | "offline";
export type SlaMetric = "first_response" | "next_response" | "resolution";
export type SlaStatus = "running" | "warning" | "breached" | "paused" | "met" | "missed";

export interface SlaBadgeData {
  metric: SlaMetric;
  status: "running" | "warning" | "breached";
  dueAt: string;
}

export interface Agent {
  id: string;
  name: string;
  presence: Presence;
  presenceAuto: boolean;
  capacity: number;
  load: number;
  lastActiveAt: string | null;
  teams: { id: string; name: string }[];
}

export interface SlaClock {
  metric: SlaMetric;
  cycle: number;
  status: SlaStatus;
  startedAt: string;
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  elapsedMinutes: number;
  remainingMinutes: number;
}

export interface SlaPolicy {
  id: string;
  name: string;
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
  warnBeforeMinutes: number;
}

export interface TeamSettings {
  teamId: string;
  teamName: string;
  autoAssign: "off" | "least_loaded";
  slaPolicyId: string | null;
}

export interface Finding {
  source: string;
  ruleId: string;
  level: string;
  reason: string;
}

export interface HeldReply {
  id: string;
  conversation: { id: string; subject: string };
  text: string;
  status: "waiting" | "sending" | "sent" | "returned";
  comment: string | null;
  findings: Finding[];
  author: { id: string; name: string } | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  messageId: string | null;
  createdAt: string;
}

export interface Lead {
  conversationId: string;
  subject: string;
  name: string;
  company: string;
  email: string;
  note: string;
  markedBy: { id: string; name: string } | null;
  markedAt: string;
  delivery: {
    status: "not_sent" | "pending" | "retrying" | "sent" | "failed";
    attempts: number;
    lastError: string | null;
    sentAt: string | null;
  };
}

export interface LeadFields {
  name: string;
  company: string;
  email: string;
  note: string;
}

export const agentsKey = [...inboxKey, "agents"] as const;
export const teamSettingsKey = [...inboxKey, "team-settings"] as const;
export const slaPoliciesKey = [...inboxKey, "sla-policies"] as const;
export const heldRepliesKey = [...inboxKey, "held-replies"] as const;
export const slaKey = (id: string) => [...inboxKey, "sla", id] as const;
export const conversationHeldKey = (id: string) => [...inboxKey, "conversation-held", id] as const;
export const leadKey = (id: string) => [...inboxKey, "lead", id] as const;

const path = (id: string) => `/api/inbox/conversations/${encodeURIComponent(id)}`;

export const fetchAgents = (teamId?: string) =>
  api<{ items: Agent[] }>("GET", "/api/inbox/agents", { query: { teamId } }).then((r) => r.items);
export const setPresence = (presence: Presence) => api<Agent>("PUT", "/api/inbox/agents/me/presence", { body: { presence } });
export const reportActivity = (active: boolean) => api<null>("POST", "/api/inbox/agents/me/activity", { body: { active } });
export const setCapacity = (userId: string, capacity: number) =>
  api<Agent>("PUT", `/api/inbox/agents/${encodeURIComponent(userId)}/capacity`, { body: { capacity } });

export const fetchTeamSettings = () => api<{ items: TeamSettings[] }>("GET", "/api/inbox/team-settings").then((r) => r.items);
export const saveTeamSettings = (teamId: string, body: { autoAssign: TeamSettings["autoAssign"]; slaPolicyId: string | null }) =>
  api<TeamSettings>("PUT", `/api/inbox/team-settings/${encodeURIComponent(teamId)}`, { body });
export const fetchSlaPolicies = () => api<{ items: SlaPolicy[] }>("GET", "/api/inbox/sla-policies").then((r) => r.items);
export const fetchSla = (id: string) => api<{ policy: { id: string; name: string } | null; clocks: SlaClock[] }>("GET", `${path(id)}/sla`);

/** A reply goes out (201) or, when its author's replies need approval, is held (202). */
export const sendOrHoldReply = (id: string, text: string) =>
  api<SentReply | { held: HeldReply }>("POST", `${path(id)}/replies`, { body: { text } });
export const fetchHeldReplies = () => api<{ items: HeldReply[] }>("GET", "/api/inbox/held-replies").then((r) => r.items);
export const fetchConversationHeld = (id: string) => api<{ items: HeldReply[] }>("GET", `${path(id)}/held-replies`).then((r) => r.items);
export const approveHeldReply = (id: string) => api<HeldReply>("POST", `/api/inbox/held-replies/${encodeURIComponent(id)}/approve`);
export const returnHeldReply = (id: string, comment: string) =>
  api<HeldReply>("POST", `/api/inbox/held-replies/${encodeURIComponent(id)}/return`, { body: { comment } });

export const fetchLead = (id: string) => api<{ lead: Lead | null }>("GET", `${path(id)}/lead`).then((r) => r.lead);
export const saveLead = (id: string, fields: LeadFields) => api<Lead>("PUT", `${path(id)}/lead`, { body: fields });
export const unmarkLead = (id: string) => api<null>("DELETE", `${path(id)}/lead`);
export const resendLead = (id: string) => api<Lead>("POST", `${path(id)}/lead/send`);

export interface LeadWebhook {
  url: string | null;
  enabled: boolean;
  hasSecret: boolean;
}
export const fetchLeadWebhook = () => api<LeadWebhook>("GET", "/api/inbox/settings/lead-webhook");
export const saveLeadWebhook = (body: { url: string; enabled: boolean; secret?: string }) =>
  api<LeadWebhook>("PUT", "/api/inbox/settings/lead-webhook", { body });
export const fetchReplyApproval = () => api<{ roles: string[]; accountIds: string[] }>("GET", "/api/inbox/settings/reply-approval");
export const saveReplyApproval = (body: { roles: string[]; accountIds: string[] }) =>
  api<{ roles: string[]; accountIds: string[] }>("PUT", "/api/inbox/settings/reply-approval", { body });

export const METRIC_LABELS: Record<SlaMetric, string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};

export const PRESENCE_LABELS: Record<Presence, string> = { available: "Available", away: "Away", offline: "Offline" };

/** The summary's SLA badge (the summary type in api/inbox.ts predates it). */
export const slaOf = (c: object): SlaBadgeData | null => (c as { sla?: SlaBadgeData | null }).sla ?? null;
