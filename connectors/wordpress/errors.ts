import { z } from "zod";
import type { ErrorMapper } from "../call.js";
import { ConnectorError, scrub } from "../errors.js";
import { errorForStatus } from "../statusErrors.js";
import { htmlToText } from "../text/html.js";

/** WordPress REST errors: `{ "code": "rest_cannot_create", "message": "...", "data": { "status": 403 } }`. */
const wordPressError = z.object({ code: z.string(), message: z.string() });

/**
 * A 403 with one of these codes says the user may not do this at all (their role lacks the capability, or
 * application passwords are switched off): a person has to reconnect with another user or fix the site.
 * Other 403s refuse one action (editing someone else's post) and leave the connection alone.
 */
const AUTH_403 = new Set([
  "rest_cannot_create",
  "rest_cannot_publish",
  "rest_forbidden",
  "rest_forbidden_context",
  "application_passwords_disabled",
  "application_passwords_disabled_for_user",
]);

/**
 * Core answers a refused application password with `rest_not_logged_in` when another check ran first,
 * which on its own reads as if nothing had been sent.
 */
const NOT_LOGGED_IN_HINT =
  " (WordPress did not accept the user name and application password, or the web server dropped the Authorization header.)";

export const mapWordPressError: ErrorMapper = (res, idempotent, secrets) => {
  const parsed = wordPressError.safeParse(res.json());
  const code = parsed.success ? parsed.data.code : undefined;
  const text = parsed.success ? htmlToText(parsed.data.message) : `HTTP ${res.status}`;
  const hint = code === "rest_not_logged_in" ? NOT_LOGGED_IN_HINT : "";
  const message = `WordPress: ${scrub(`${text}${hint}`, secrets)}${code && res.status === 400 ? ` (${code})` : ""}`;
  const options = { network: "wordpress", status: res.status, ...(code ? { networkCode: code } : {}) };
  // A site that moved (http → https, another host) redirects; the REST API is never followed across that.
  if (res.status >= 300 && res.status < 400 && res.headers.location) {
    const to = scrub(res.headers.location, secrets);
    return new ConnectorError("rejected", `WordPress: the site redirects to ${to}; connect it with the address it redirects to.`, options);
  }
  if (res.status === 403) return new ConnectorError(code && AUTH_403.has(code) ? "auth_expired" : "rejected", message, options);
  // A PHP error after the post was saved (a plugin's hook failing) answers 500: the post may exist.
  if (res.status === 500 && !idempotent) return new ConnectorError("unknown_outcome", message, options);
  return errorForStatus(res, "wordpress", idempotent, message, code);
};
