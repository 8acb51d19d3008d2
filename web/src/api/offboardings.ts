import { api } from "./client.js";
import type { Offboarding } from "./types.js";

export const offboardingsKey = ["offboardings"] as const;
export const offboardingKey = (id: string) => [...offboardingsKey, "detail", id] as const;

export const fetchOffboardings = (userId?: string) =>
  api<{ offboardings: Offboarding[] }>("GET", "/api/offboardings", { query: { userId } }).then((r) => r.offboardings);

export const fetchOffboarding = (id: string) => api<Offboarding>("GET", `/api/offboardings/${encodeURIComponent(id)}`);

/** Signs them out, revokes tokens and grants, takes them off teams and hands what they own to `reassignToId`. */
export const offboardUser = (userId: string, reassignToId: string | null) =>
  api<Offboarding>("POST", `/api/users/${encodeURIComponent(userId)}/offboard`, { body: { reassignToId } });

export const markChecklistItem = (id: string, index: number, done: boolean) =>
  api<Offboarding>("PATCH", `/api/offboardings/${encodeURIComponent(id)}/checklist/${index}`, { body: { done } });
