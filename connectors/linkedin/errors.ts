import { z } from "zod";
import type { ErrorMapper } from "../call.js";
import { ConnectorError, scrub } from "../errors.js";
import { errorForStatus } from "../statusErrors.js";

/** LinkedIn's error body: `{ status, serviceErrorCode, code, message }`. */
const linkedInError = z.object({ message: z.string().optional(), code: z.string().optional(), serviceErrorCode: z.number().optional() });

/** LinkedIn's throttles are daily and reset at midnight UTC; it sends no reset header. */
export function nextMidnightUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export const mapLinkedInError: ErrorMapper = (res, idempotent, secrets) => {
  const parsed = linkedInError.safeParse(res.json());
  const body = parsed.success ? parsed.data : {};
  const message = `LinkedIn: ${scrub(body.message ?? `HTTP ${res.status}`, secrets)}`;
  const networkCode = body.code ?? (body.serviceErrorCode === undefined ? undefined : String(body.serviceErrorCode));
  const options = { network: "linkedin", status: res.status, networkCode };
  // 403 here means a permission (scope or Page role) is missing: only reconnecting with it helps.
  if (res.status === 403) return new ConnectorError("auth_expired", message, options);
  if (res.status === 429)
    return new ConnectorError("rate_limited", message, { ...options, resetAt: res.rateLimit?.resetAt ?? nextMidnightUtc() });
  return errorForStatus(res, "linkedin", idempotent, message, networkCode);
};
