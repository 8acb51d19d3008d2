import { ConnectorError, networkLabel } from "../errors.js";

/**
 * Failures that prove the request never reached the server: nothing can have happened there.
 * Anything else (a timeout waiting for the answer, a reset connection) may have come after the
 * server received the request, so for a non-idempotent call the outcome is unknown.
 */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_INVALID_ARG",
  "UND_ERR_PRX_TLS",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name could not be resolved",
  EAI_AGAIN: "the host name could not be resolved (DNS unavailable)",
  UND_ERR_CONNECT_TIMEOUT: "connecting timed out",
  UND_ERR_HEADERS_TIMEOUT: "no answer arrived in time after the request was sent",
  UND_ERR_BODY_TIMEOUT: "the answer stopped arriving",
  UND_ERR_SOCKET: "the connection was closed",
  ECONNRESET: "the connection was reset",
  UND_ERR_ABORTED: "the request was aborted",
};

export function errorCode(error: unknown): string {
  if (typeof error !== "object" || error === null) return "UNKNOWN";
  const { code, cause, errors, name } = error as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
  if (typeof code === "string") return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  if (cause !== undefined) return errorCode(cause);
  return name === "AbortError" ? "UND_ERR_ABORTED" : "UNKNOWN";
}

export function transportError(error: unknown, network: string, idempotent: boolean): ConnectorError {
  const code = errorCode(error);
  const what = DESCRIPTIONS[code] ?? `the request failed (${code})`;
  const name = networkLabel(network);
  if (NOT_SENT.has(code) || idempotent) {
    return new ConnectorError("unavailable", `${name} could not be reached: ${what}.`, { network, networkCode: code, cause: error });
  }
  return new ConnectorError("unknown_outcome", `${name} did not confirm the request: ${what}. It may have been carried out.`, {
    network,
    networkCode: code,
    cause: error,
  });
}
