import { z } from "zod";
import type { ErrorMapper } from "../call.js";
import { ConnectorError, scrub } from "../errors.js";
import { errorForStatus } from "../statusErrors.js";

/** X API v2 errors are RFC 7807 problem documents; older ones carry `errors: [{ code, message }]`. */
const problem = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional(), code: z.number().optional() })).optional(),
});

/** Problem types meaning the app or token may not do this at all: only reconnecting (or fixing the app) helps. */
const AUTH_PROBLEMS = /client-forbidden|unsupported-authentication|not-authorized-for-resource/;

export const mapXError: ErrorMapper = (res, idempotent, secrets) => {
  const parsed = problem.safeParse(res.json());
  const p = parsed.success ? parsed.data : {};
  const reason = scrub(p.detail ?? p.errors?.[0]?.message ?? p.title ?? `HTTP ${res.status}`, secrets);
  const message = `X: ${reason}`;
  const code = p.type ?? (p.errors?.[0]?.code === undefined ? undefined : String(p.errors[0].code));
  if (res.status === 403 && p.type && AUTH_PROBLEMS.test(p.type)) {
    return new ConnectorError("auth_expired", message, { network: "x", status: res.status, networkCode: code });
  }
  return errorForStatus(res, "x", idempotent, message, code);
};
