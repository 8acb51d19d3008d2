import { api } from "./client.js";

/** GET /api/accounts/:id/coaching (server/policy/service/coaching.ts). */
export interface Coaching {
  windowDays: number;
  posts: number;
  repliesAndEngagements: number;
  inbound: number;
  talkToListen: number | null;
  pitchRatio: number | null;
  guidance: string[];
}

export const coachingKey = (accountId: string) => ["coaching", accountId] as const;
export const fetchCoaching = (accountId: string) => api<Coaching>("GET", `/api/accounts/${encodeURIComponent(accountId)}/coaching`);
