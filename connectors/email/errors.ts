import { ConnectorError } from "../errors.js";

interface MailLibraryError {
  message?: string;
  code?: string;
  /** imapflow: the server refused the login. */
  authenticationFailed?: boolean;
  /** imapflow: the server's own words. */
  responseText?: string;
  /** nodemailer: the SMTP command that failed and the server's reply code. */
  command?: string;
  responseCode?: number;
  response?: string;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ESOCKET",
  "ECONNECTION",
  "NoConnection",
]);

/**
 * A failure of imapflow or nodemailer as the connector's one error: a refused login is `auth_expired`
 * (the channel needs its password again), a server that cannot be reached `unavailable`, a refused
 * message `rejected`. The password is never part of what these libraries report.
 */
export function mailError(
  error: unknown,
  server: "IMAP" | "SMTP",
  fallback: "unavailable" | "unknown_outcome" = "unavailable",
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = (error ?? {}) as MailLibraryError;
  const said = (e.responseText ?? e.response ?? e.message ?? "unknown error").toString().slice(0, 300);
  const options = { network: "email", cause: error, ...(e.code ? { networkCode: e.code } : {}) };
  if (e.authenticationFailed || e.code === "EAUTH" || e.responseCode === 535 || e.responseCode === 534)
    return new ConnectorError("auth_expired", `The ${server} server refused the user name or password: ${said}`, options);
  if (e.code && NETWORK_CODES.has(e.code))
    return new ConnectorError("unavailable", `The ${server} server could not be reached: ${said}`, options);
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE" || (e.responseCode !== undefined && e.responseCode >= 500))
    return new ConnectorError("rejected", `The ${server} server refused the message: ${said}`, options);
  return new ConnectorError(fallback, `The ${server} server failed: ${said}`, options);
}
