import { z } from "zod";
import type { ErrorMapper } from "../call.js";
import { ConnectorError, type ConnectorErrorKind, networkLabel, scrub } from "../errors.js";
import { errorForStatus } from "../statusErrors.js";

/** Graph API errors: `{ error: { message, type, code, error_subcode, error_user_msg, is_transient, fbtrace_id } }`. */
const graphError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/** App (4), user (17), Page (32), per-call (613) and business-use-case (80001–80014) throttles. */
const isThrottle = (code: number) => code === 4 || code === 17 || code === 32 || code === 613 || (code >= 80_001 && code <= 80_014);
/** Invalid or expired token (190, 102) and missing permissions (10, 200–299): the account must be reconnected. */
const isAuth = (code: number) => code === 190 || code === 102 || code === 10 || (code >= 200 && code <= 299);
/** Meta's throttles are measured over a rolling hour. */
const THROTTLE_WINDOW_MS = 3_600_000;

function kindOf(code: number, subcode: number | undefined, transient: boolean): ConnectorErrorKind | undefined {
  if (isThrottle(code)) return "rate_limited";
  if (isAuth(code)) return "auth_expired";
  if (code === 100 && subcode === 33) return "not_found";
  // 1/2: unknown or temporary failure; 9007: an Instagram container is not ready yet. All: nothing was published, try later.
  if (transient || code === 1 || code === 2 || code === 9007) return "unavailable";
  return undefined;
}

export function graphErrorMapper(network: "facebook" | "instagram"): ErrorMapper {
  return (res, idempotent, secrets) => {
    const parsed = graphError.safeParse(res.json());
    if (!parsed.success) return errorForStatus(res, network, idempotent, `${networkLabel(network)}: HTTP ${res.status}`);
    const e = parsed.data.error;
    const message = `${networkLabel(network)}: ${scrub(e.error_user_msg ?? e.message, secrets)}`;
    const networkCode = e.error_subcode ? `${e.code}/${e.error_subcode}` : String(e.code ?? "");
    const kind = e.code === undefined ? undefined : kindOf(e.code, e.error_subcode, e.is_transient === true);
    if (!kind) return errorForStatus(res, network, idempotent, message, networkCode);
    const resetAt = kind === "rate_limited" ? (res.rateLimit?.resetAt ?? new Date(Date.now() + THROTTLE_WINDOW_MS)) : undefined;
    return new ConnectorError(kind, message, { network, status: res.status, networkCode, resetAt });
  };
}
