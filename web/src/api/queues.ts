import { api } from "./client.js";

/** A channel's posting queue (server/posts/schedule/routes.ts). */
export interface QueueSlot {
  /** 1 Monday … 7 Sunday */
  weekday: number;
  /** HH:MM */
  time: string;
}

export interface PostingQueue {
  timeZone: string | null;
  slots: QueueSlot[];
  nextFreeSlot: string | null;
}

export const queueKey = (accountId: string) => ["queues", accountId] as const;
export const fetchQueue = (accountId: string) => api<PostingQueue>("GET", `/api/accounts/${encodeURIComponent(accountId)}/queue`);
export const saveQueue = (accountId: string, queue: { timeZone: string; slots: QueueSlot[] }) =>
  api<PostingQueue>("PUT", `/api/accounts/${encodeURIComponent(accountId)}/queue`, { body: queue });
