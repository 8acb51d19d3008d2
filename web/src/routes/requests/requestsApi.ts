import { api } from "../../api/client.js";
import type { SearchHit } from "../../api/kb.js";

/** The help desk's shapes as the API sends them (server/requests/schema.ts). */
export const STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  new: "New",
  open: "Open",
  pending: "Waiting on you",
  on_hold: "On hold",
  resolved: "Resolved",
  closed: "Closed",
};
/** Agents see the plain status names; "Waiting on you" is the requester's words for pending. */
export const AGENT_STATUS_LABELS: Record<Status, string> = { ...STATUS_LABELS, pending: "Pending (on requester)" };
export const METRIC_LABELS = { first_response: "First response", next_response: "Next response", resolution: "Resolution" } as const;

export interface FormField {
  key: string;
  label: string;
  kind: "text" | "textarea" | "select" | "account" | "user" | "team" | "network";
  required: boolean;
  options?: string[];
}

export interface RequestType {
  key: string;
  name: string;
  description: string;
  queueId: string;
  policyId: string;
  defaultPriority: Priority;
  fields: FormField[];
  workflow: "none" | "access" | "new_account" | "rogue_report";
}

export interface Clock {
  metric: keyof typeof METRIC_LABELS;
  cycle: number;
  status: "running" | "warning" | "breached" | "paused" | "met" | "missed";
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: string | null;
  breachedAt: string | null;
  startedAt: string;
  stoppedAt: string | null;
}

export interface Person {
  id: string;
  name: string;
}

export interface RequestSummary {
  id: string;
  number: number;
  type: string;
  typeName: string;
  queue: { id: string; name: string };
  subject: string;
  status: Status;
  priority: Priority;
  requester: Person;
  assignee: Person | null;
  approval: "pending" | "approved" | "rejected" | null;
  createdAt: string;
  updatedAt: string;
  sla: Clock | null;
}

export interface RequestDetail extends RequestSummary {
  description: string;
  fields: Record<string, string>;
  account: { id: string; network: string; handle: string; displayName: string; status: string } | null;
  article: { id: string; slug: string; title: string } | null;
  messages: { id: string; author: Person | null; visibility: "public" | "internal"; text: string; createdAt: string }[];
  clocks: Clock[];
  outcome: Record<string, string> | null;
  checklist: { id: string; label: string; done: boolean; doneBy: string | null; doneAt: string | null }[] | null;
  rating: { score: number; comment: string; ratedAt: string } | null;
  reopenCount: number;
  youMay: { work: boolean; decide: boolean; reply: boolean; reopen: boolean; rate: boolean };
}

export interface FileInput {
  type: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  accountId: string | null;
  articleId: string | null;
  suggestionSessionId: string | null;
}

export const requestKeys = {
  all: ["requests"] as const,
  types: ["requests", "types"] as const,
  mine: ["requests", "mine"] as const,
  queue: (filters: Record<string, string>) => ["requests", "queue", filters] as const,
  one: (number: number) => ["requests", "one", number] as const,
  settings: ["requests", "settings"] as const,
};

export const fetchTypes = () => api<{ types: RequestType[] }>("GET", "/api/requests/types").then((r) => r.types);
export const fetchMine = () =>
  api<{ requests: RequestSummary[] }>("GET", "/api/requests/mine", { query: { status: "all" } }).then((r) => r.requests);
export const fetchQueue = (filters: Record<string, string>) =>
  api<{ requests: RequestSummary[] }>("GET", "/api/requests", { query: filters }).then((r) => r.requests);
export const fetchRequest = (number: number) => api<RequestDetail>("GET", `/api/requests/${number}`);
export const fetchSettings = () => api<{ queues: { id: string; name: string; teamId: string | null }[] }>("GET", "/api/requests/settings");
export const fileRequest = (input: FileInput) => api<RequestDetail>("POST", "/api/requests", { body: input });
export const postMessage = (number: number, text: string, internal: boolean) =>
  api<RequestDetail>("POST", `/api/requests/${number}/messages`, { body: { text, internal } });
export const patchRequest = (
  number: number,
  changes: { status?: Status; priority?: Priority; assigneeId?: string | null; queueId?: string },
) => api<RequestDetail>("PATCH", `/api/requests/${number}`, { body: changes });
export const reopenRequest = (number: number) => api<RequestDetail>("POST", `/api/requests/${number}/reopen`);
export const rateRequest = (number: number, score: number, comment: string) =>
  api<RequestDetail>("PUT", `/api/requests/${number}/rating`, { body: { score, comment } });
export const decideRequest = (number: number, approve: boolean, note: string) =>
  api<RequestDetail>("POST", `/api/requests/${number}/decision`, { body: { approve, note } });
export const tickChecklist = (number: number, itemId: string, done: boolean) =>
  api<RequestDetail>("PUT", `/api/requests/${number}/checklist/${encodeURIComponent(itemId)}`, { body: { done } });

// Knowledge-base suggestions while typing (server/kb/suggestionRoutes.ts).
export const suggestArticles = (q: string, signal?: AbortSignal) =>
  api<{ articles: SearchHit[] }>("GET", "/api/kb/suggest", { query: { q, limit: 5 }, ...(signal ? { signal } : {}) }).then(
    (r) => r.articles,
  );
export const startSuggestionSession = (query: string, shown: string[], requestType: string) =>
  api<{ id: string }>("POST", "/api/kb/suggestion-sessions", { body: { query, shown, requestType } });
export const updateSuggestionSession = (id: string, query: string, shown: string[], requestType: string) =>
  api<{ id: string }>("PATCH", `/api/kb/suggestion-sessions/${id}`, { body: { query, shown, requestType } });
export const recordSuggestionClick = (id: string, articleId: string) =>
  api<{ id: string }>("POST", `/api/kb/suggestion-sessions/${id}/clicks`, { body: { articleId } });
export const recordSolved = (id: string, articleId: string | null) =>
  api<{ id: string }>("POST", `/api/kb/suggestion-sessions/${id}/solved`, { body: articleId ? { articleId } : {} });
