import { ConnectorError } from "./errors.js";
import type { HttpResponse } from "./http/types.js";

/** When a network says "slow down" without saying until when. */
const DEFAULT_BACKOFF_MS = 60_000;

/**
 * The default reading of an HTTP error status. Each network's mapper extracts its own reason (and its
 * special codes) first, then falls back to this.
 */
export function errorForStatus(
  res: HttpResponse,
  network: string,
  idempotent: boolean,
  reason: string,
  networkCode?: string,
): ConnectorError {
  const options = { network, status: res.status, networkCode };
  if (res.status === 401) return new ConnectorError("auth_expired", reason, options);
  if (res.status === 404 || res.status === 410) return new ConnectorError("not_found", reason, options);
  if (res.status === 429) {
    const resetAt = res.rateLimit?.resetAt ?? new Date(Date.now() + DEFAULT_BACKOFF_MS);
    return new ConnectorError("rate_limited", reason, { ...options, resetAt });
  }
  // A gateway that gave up waiting: the network may still have carried the request out.
  if (res.status === 504 && !idempotent) return new ConnectorError("unknown_outcome", reason, options);
  if (res.status >= 500) return new ConnectorError("unavailable", reason, options);
  return new ConnectorError("rejected", reason, options);
}

export const isSuccess = (res: HttpResponse) => res.status >= 200 && res.status < 300;
