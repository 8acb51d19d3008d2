import { api } from "./client.js";

export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

export interface TrackedLink {
  id: string;
  code: string;
  shortUrl: string;
  destination: string;
  target: string;
  campaign: { id: string; name: string } | null;
  postId: string | null;
  account: { id: string; network: string; handle: string } | null;
  utm: Utm;
  expiresAt: string | null;
  archivedAt: string | null;
  status: "active" | "expired" | "archived";
  createdAt: string;
  updatedAt: string;
  clicks: number;
  clicks7d: number;
}

export interface ClickSeries {
  interval: "hour" | "day";
  timeZone: string;
  from: string;
  to: string;
  points: { at: string; clicks: number }[];
  total: number;
}

export const linksKey = ["links"] as const;

export const fetchLinks = (query: { q?: string; status?: string; campaignId?: string; offset?: number }) =>
  api<{ items: TrackedLink[]; total: number }>("GET", "/api/links", { query: { ...query, limit: 50 } });

export const fetchLink = (id: string) => api<TrackedLink>("GET", `/api/links/${encodeURIComponent(id)}`);

export const createLink = (input: { destination: string; campaignId?: string; expiresAt?: string; code?: string }) =>
  api<TrackedLink>("POST", "/api/links", { body: input });

export const updateLink = (id: string, input: { archived?: boolean; expiresAt?: string | null; destination?: string }) =>
  api<TrackedLink>("PATCH", `/api/links/${encodeURIComponent(id)}`, { body: input });

export const fetchClicks = (id: string, interval: "hour" | "day", timeZone: string) =>
  api<ClickSeries>("GET", `/api/links/${encodeURIComponent(id)}/clicks`, { query: { interval, timeZone } });

export const qrUrl = (id: string, download = false) => `/api/links/${encodeURIComponent(id)}/qr.svg${download ? "?download=1" : ""}`;
