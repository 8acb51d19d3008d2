import { z } from "zod";
import type { ErrorMapper } from "../call.js";
import { ConnectorError, scrub } from "../errors.js";
import { errorForStatus } from "../statusErrors.js";

/** Mastodon errors: `{ "error": "...", "error_description"?: "..." }` (Doorkeeper adds the description). */
const mastodonError = z.object({ error: z.string(), error_description: z.string().optional() });

/** A 403 about the token or the login needs a person to reconnect; any other 403 refuses this one action. */
const AUTH_403 = /scope|token|login|disabled|suspended/i;

export const mapMastodonError: ErrorMapper = (res, idempotent, secrets) => {
  const parsed = mastodonError.safeParse(res.json());
  const reason = scrub(parsed.success ? (parsed.data.error_description ?? parsed.data.error) : `HTTP ${res.status}`, secrets);
  const message = `Mastodon: ${reason}`;
  if (res.status === 403) {
    return new ConnectorError(AUTH_403.test(reason) ? "auth_expired" : "rejected", message, { network: "mastodon", status: 403 });
  }
  return errorForStatus(res, "mastodon", idempotent, message);
};
