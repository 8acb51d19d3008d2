/**
 * Each channel's live stream as this process sees it, for the channel's health view. Kept in memory (like
 * the webhook counters): the streams run in the server process, which also answers the health request.
 */
export type StreamState = "connecting" | "connected" | "reconnecting" | "off";

export interface StreamHealth {
  network: string;
  state: StreamState;
  /** When the current state began (connected since, reconnecting since). */
  since: string;
  /** While reconnecting: when the next attempt is due. */
  nextAttemptAt: string | null;
  /** Why the last connection ended or failed (never a token: errors are scrubbed by the connectors). */
  lastError: string | null;
  /** Failed attempts in a row. */
  failures: number;
  /** Items received since the process started, and lines or events that could not be read. */
  received: number;
  malformed: number;
}

const health = new Map<string, StreamHealth>();

export const streamHealthOf = (accountId: string): StreamHealth | null => health.get(accountId) ?? null;

export function setStreamHealth(accountId: string, value: StreamHealth): void {
  health.set(accountId, value);
}

export function clearStreamHealth(accountId: string): void {
  health.delete(accountId);
}
