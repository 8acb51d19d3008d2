/** Why a stream must be opened again; each kind has its own wait. */
export type StreamFailure = "network" | "http" | "rate_limited";

const HOUR = 3_600_000;

/**
 * X's documented reconnect policy for the filtered stream ("Handling disconnections"): network errors
 * back off linearly, 250 ms more each time up to 16 s; HTTP errors exponentially from 5 s, doubling, up to
 * 320 s; a 429 from one minute, doubling (we stop doubling at an hour). `attempt` counts the failures of
 * that kind in a row, from 1.
 */
export function xReconnectDelay(failure: StreamFailure, attempt: number): number {
  const n = Math.max(1, attempt);
  if (failure === "network") return Math.min(250 * n, 16_000);
  if (failure === "http") return Math.min(5_000 * 2 ** (n - 1), 320_000);
  return Math.min(60_000 * 2 ** (n - 1), HOUR);
}

/**
 * Mastodon documents no policy; its own web client waits longer after each failed attempt. We use X's
 * shape with a gentler start for network errors (1 s doubling to a minute), since one server may restart.
 */
export function mastodonReconnectDelay(failure: StreamFailure, attempt: number): number {
  const n = Math.max(1, attempt);
  if (failure === "network") return Math.min(1_000 * 2 ** (n - 1), 60_000);
  if (failure === "http") return Math.min(5_000 * 2 ** (n - 1), 320_000);
  return Math.min(60_000 * 2 ** (n - 1), HOUR);
}
