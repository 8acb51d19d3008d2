import { api } from "../../api/client.js";
import type { Finding } from "../../api/policy.js";

/** Employee advocacy's shapes as the API sends them (server/advocacy/schema.ts). */
export const NETWORKS = ["linkedin", "x", "bluesky", "mastodon"] as const;
export type AdvocacyNetwork = (typeof NETWORKS)[number];
export const NETWORK_NAMES: Record<AdvocacyNetwork, string> = { linkedin: "LinkedIn", x: "X", bluesky: "Bluesky", mastodon: "Mastodon" };

export type ShareStatus = "prepared" | "shared" | "cancelled";

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface AdvocacyItem {
  id: string;
  title: string;
  suggestedText: string;
  url: string | null;
  topics: string[];
  networks: AdvocacyNetwork[];
  disclosure: string;
  expiresAt: string | null;
  status: "active" | "expired";
  createdBy: Person | null;
  createdAt: string;
  updatedAt: string;
  shares: number;
  people: number;
  clicks: number;
  mine: { id: string; network: AdvocacyNetwork; status: ShareStatus; sharedAt: string | null; clicks: number }[];
}

export interface ItemInput {
  title: string;
  suggestedText: string;
  url: string | null;
  topics: string[];
  networks: AdvocacyNetwork[];
  disclosure: string;
  expiresAt: string | null;
}

export interface NetworkCheck {
  network: AdvocacyNetwork;
  length: number;
  limit: number;
  problems: { code: string; message: string }[];
}

export interface ShareCheck {
  findings: Finding[];
  networks: NetworkCheck[];
  blocked: boolean;
}

export interface Share {
  id: string;
  itemId: string;
  network: AdvocacyNetwork;
  instance: string | null;
  text: string;
  status: ShareStatus;
  shortUrl: string | null;
  intentUrl: string;
  createdAt: string;
  sharedAt: string | null;
  clicks: number;
}

export interface ItemShares {
  item: AdvocacyItem;
  shares: {
    id: string;
    person: Person;
    network: AdvocacyNetwork;
    status: ShareStatus;
    shortUrl: string | null;
    createdAt: string;
    sharedAt: string | null;
    clicks: number;
  }[];
  people: { person: Person; shares: number; clicks: number }[];
}

export const advocacyKey = ["advocacy"] as const;

export const fetchItems = (query: { status?: string; topic?: string } = {}) =>
  api<{ items: AdvocacyItem[]; topics: string[] }>("GET", "/api/advocacy/items", { query });
export const fetchItem = (id: string) => api<AdvocacyItem>("GET", `/api/advocacy/items/${encodeURIComponent(id)}`);
export const fetchItemShares = (id: string) => api<ItemShares>("GET", `/api/advocacy/items/${encodeURIComponent(id)}/shares`);
export const createItem = (body: ItemInput) => api<AdvocacyItem>("POST", "/api/advocacy/items", { body });
export const updateItem = (id: string, body: ItemInput) =>
  api<AdvocacyItem>("PUT", `/api/advocacy/items/${encodeURIComponent(id)}`, { body });
export const expireItem = (id: string) => api<AdvocacyItem>("POST", `/api/advocacy/items/${encodeURIComponent(id)}/expire`);
export const checkShareText = (id: string, text: string, signal?: AbortSignal) =>
  api<ShareCheck>("POST", `/api/advocacy/items/${encodeURIComponent(id)}/check`, { body: { text }, ...(signal ? { signal } : {}) });
export const prepareShare = (id: string, body: { network: AdvocacyNetwork; text: string; instance?: string }) =>
  api<Share>("POST", `/api/advocacy/items/${encodeURIComponent(id)}/shares`, { body });
export const confirmShare = (id: string) => api<Share>("POST", `/api/advocacy/shares/${encodeURIComponent(id)}/confirm`);
export const cancelShare = (id: string) => api<Share>("POST", `/api/advocacy/shares/${encodeURIComponent(id)}/cancel`);
export interface PersonTotals {
  person: Person;
  shares: number;
  items: number;
  clicks: number;
}
export const fetchPeople = () => api<{ people: PersonTotals[] }>("GET", "/api/advocacy/people");
export const SHARES_CSV_URL = "/api/advocacy/shares.csv";
