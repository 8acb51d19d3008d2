import { api } from "./client.js";

/** GET /api/analytics/best-times and /api/analytics/practice (server/analytics/bestTime, server/analytics/practice). */
export interface BestTimeSlot {
  /** ISO weekday on the account's clock: 1 Monday … 7 Sunday. */
  weekday: number;
  hour: number;
  posts: number;
  /** Median engagement relative to the account's typical post (1 = typical). */
  score: number;
  medianEngagements: number;
  ranked: boolean;
}

export interface BestTimes {
  accountId: string;
  network: string;
  handle: string;
  timeZone: string;
  timeZoneSource: "queue" | "posts" | "default";
  window: { from: string; to: string; weeks: number };
  minimum: { postsInSlot: number; postsInAll: number };
  basis: "account" | "network" | "none";
  account: { published: number; posts: number };
  pool: { posts: number; accounts: number } | null;
  slots: BestTimeSlot[];
  best: (BestTimeSlot & { next: { at: string; date: string; time: string } | null })[];
  explanation: string;
}

export interface PracticeRow {
  week?: string;
  posts: number;
  promotional: number;
  replies: number;
  inbound: number;
  conversations: number;
  answered: number;
  talkToListen: number | null;
  pitchRatio: number | null;
  responseRate: number | null;
}

export interface PracticeReport {
  range: { from: string; to: string };
  weeks: string[];
  accounts: { accountId: string; network: string; handle: string; total: PracticeRow; weeks: PracticeRow[] }[];
  definitions: string[];
  truncated: boolean;
}

export const bestTimesKey = (accountId: string) => ["analytics", "best-times", accountId] as const;
export const fetchBestTimes = (accountId: string) => api<BestTimes>("GET", "/api/analytics/best-times", { query: { accountId } });
export const fetchPractice = (from: string, to: string, accountId?: string) =>
  api<PracticeReport>("GET", "/api/analytics/practice", { query: { from, to, accountId } });

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
