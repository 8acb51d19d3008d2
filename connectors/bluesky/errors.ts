import { XRPCError } from "@atproto/api";
import { ConnectorError, isConnectorError, scrub } from "../errors.js";
import { parseRateLimit } from "../http/rateLimit.js";

export const NETWORK = "bluesky";

/** When the PDS says "slow down" without RateLimit-Reset. */
const DEFAULT_BACKOFF_MS = 60_000;
/** XRPC's ResponseType.InvalidResponse: a 2xx whose body failed the lexicon (the request was carried out). */
const INVALID_RESPONSE = 2;
/** Error names the PDS gives to a session or password it refuses: the account needs reconnecting. */
const AUTH_ERRORS = new Set(["AuthenticationRequired", "ExpiredToken", "InvalidToken", "AccountTakedown", "AuthFactorTokenRequired"]);
/** `NotFound`: the AppView has no such post (getPostThread on a deleted post). */
const NOT_FOUND_ERRORS = new Set(["RecordNotFound", "RepoNotFound", "BlobNotFound", "NotFound"]);

export interface MapOptions {
  /** Whether repeating the call is harmless: decides what a 504 means. */
  idempotent: boolean;
  /** Secrets to scrub from the network's text (the app password, the session tokens). */
  secrets: readonly (string | undefined)[];
}

/**
 * Reads an error from @atproto/api as a ConnectorError carrying the PDS's own reason
 * ("Bluesky: Invalid identifier or password"). Transport failures from the HttpClient arrive as the XRPC
 * error's `cause` and are returned as they are. Anything else (a bug) is returned unchanged.
 */
export function toConnectorError(error: unknown, options: MapOptions): unknown {
  if (isConnectorError(error)) return error;
  if (!(error instanceof XRPCError)) return error;
  if (isConnectorError(error.cause)) return error.cause;
  const status = error.status;
  const code = error.error;
  const reason = scrub(error.message || code || `HTTP ${status}`, options.secrets);
  const message = `Bluesky: ${reason}`;
  const base = { network: NETWORK, status, ...(code ? { networkCode: code } : {}), cause: error };
  if (status === INVALID_RESPONSE)
    return new ConnectorError(
      options.idempotent ? "unavailable" : "unknown_outcome",
      "Bluesky answered with a body Switchboard does not understand.",
      base,
    );
  if (status === 401 || (code !== undefined && AUTH_ERRORS.has(code))) return new ConnectorError("auth_expired", message, base);
  if (status === 429) {
    const resetAt = parseRateLimit(definedHeaders(error.headers))?.resetAt ?? new Date(Date.now() + DEFAULT_BACKOFF_MS);
    return new ConnectorError("rate_limited", message, { ...base, resetAt });
  }
  if (status === 404 || (code !== undefined && NOT_FOUND_ERRORS.has(code))) return new ConnectorError("not_found", message, base);
  // A gateway that gave up waiting: the PDS may still have carried the request out.
  if (status === 504 && !options.idempotent) return new ConnectorError("unknown_outcome", message, base);
  if (status >= 500) return new ConnectorError("unavailable", message, base);
  if (status < 100) return error; // no HTTP answer and no transport error: not something a caller can act on
  return new ConnectorError("rejected", message, base);
}

function definedHeaders(headers: Readonly<Record<string, string | undefined>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}
