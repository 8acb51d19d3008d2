import { api } from "./client.js";

/** What a pause covers (server/posts/pause/schema.ts). */
export type PauseScope = "all" | "account" | "campaign";

export interface PublishPause {
  id: string;
  scope: PauseScope;
  /** The account's or campaign's id; null for everything. */
  scopeId: string | null;
  /** The channel's handle or the campaign's name when paused; "Everything" for all. */
  scopeLabel: string;
  reason: string;
  pausedBy: { id: string; name: string } | null;
  pausedAt: string;
  resumedBy: { id: string; name: string } | null;
  resumedAt: string | null;
  inForce: boolean;
  /** For a pause in force: due variants it holds, and how many of them are past the missed window. */
  held: { due: number; late: number } | null;
}

export interface PauseList {
  inForce: PublishPause[];
  recent: PublishPause[];
  /** PUBLISH_MISSED_AFTER_MINUTES: held posts later than this are marked missed on resume. */
  missedAfterMinutes: number;
}

export const pausesKey = ["publish-pauses"] as const;

export const fetchPauses = () => api<PauseList>("GET", "/api/publish-pauses");

export const pausePublishing = (input: { scope: PauseScope; scopeId?: string; reason: string }) =>
  api<PublishPause>("POST", "/api/publish-pauses", { body: input });

export const resumePause = (id: string) => api<PublishPause>("POST", `/api/publish-pauses/${encodeURIComponent(id)}/resume`);
