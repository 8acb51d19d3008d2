import { api } from "./client.js";
import type { Sentiment } from "./inbox.js";

export interface ListeningTopic {
  id: string;
  name: string;
  terms: string[];
  enabled: boolean;
  total: number;
  last24h: number;
  negative24h: number;
}

export interface ListeningHit {
  id: string;
  /** `inbox`: a message the inbox read; `search`: a post found by searching the network (not in the inbox). */
  source: "inbox" | "search";
  messageId: string | null;
  conversationId: string | null;
  channel: { id: string; network: string; handle: string | null };
  author: string | null;
  text: string;
  truncated: boolean;
  sentiment: Sentiment | null;
  url: string | null;
  sentAt: string;
  matched: string[];
}

export const listeningKey = ["listening"] as const;

export const fetchTopics = () => api<{ items: ListeningTopic[] }>("GET", "/api/listening/topics").then((r) => r.items);

export const fetchHits = (topicId: string) =>
  api<{ items: ListeningHit[]; nextBefore: string | null }>("GET", `/api/listening/topics/${encodeURIComponent(topicId)}/hits`);

export const createTopic = (input: { name: string; terms: string[] }) =>
  api<ListeningTopic>("POST", "/api/listening/topics", { body: input });

export const deleteTopic = (id: string) => api<{ deleted: true }>("DELETE", `/api/listening/topics/${encodeURIComponent(id)}`);

/** How a topic's network searches are doing on one channel (all the topic's terms there together). */
export interface ListeningSearchStatus {
  channel: { id: string; network: string; handle: string | null };
  terms: number;
  /** Searches now: the topic is on and the channel connected and chosen to search. */
  active: boolean;
  lastSearchedAt: string | null;
  /** Null when not active, or before the first search (due at the next run, within a minute). */
  nextSearchAt: string | null;
  found: number;
  failures: number;
  /** Why the latest failing search failed; null when none fails. */
  lastError: string | null;
  /** The term whose search failed last. */
  failingTerm: string | null;
}

export const fetchSearchStatus = (topicId: string) =>
  api<{ items: ListeningSearchStatus[] }>("GET", `/api/listening/topics/${encodeURIComponent(topicId)}/searches`).then((r) => r.items);
