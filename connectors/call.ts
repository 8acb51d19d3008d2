import type { z } from "zod";
import { ConnectorError, type ConnectorErrorKind, networkLabel } from "./errors.js";
import { isIdempotent } from "./http/client.js";
import type { HttpClient, HttpRequest, HttpResponse } from "./http/types.js";
import type { Session } from "./session.js";
import { isSuccess } from "./statusErrors.js";

export type ErrorMapper = (res: HttpResponse, idempotent: boolean, secrets: readonly (string | undefined)[]) => ConnectorError;

export interface CallerOptions {
  network: string;
  http: HttpClient;
  session: Session;
  /** How this network wants the token presented: headers, and query parameters where needed (Meta's appsecret_proof). */
  authorize: (accessToken: string) => { headers: Readonly<Record<string, string>>; query?: Readonly<Record<string, string>> };
  mapError: ErrorMapper;
}

/** An authenticated request to a network's API: token handling, then success or a mapped ConnectorError. */
export function createCaller(options: CallerOptions) {
  return (req: Omit<HttpRequest, "network">): Promise<HttpResponse> =>
    options.session.withToken(async (token) => {
      const auth = options.authorize(token);
      const query = auth.query ? { ...req.query, ...auth.query } : req.query;
      const res = await options.http.request({ ...req, query, network: options.network, headers: { ...auth.headers, ...req.headers } });
      if (isSuccess(res)) return res;
      throw options.mapError(res, isIdempotent(req), options.session.secrets());
    });
}

export type Caller = ReturnType<typeof createCaller>;

/**
 * Reads a successful response's body. A body we cannot read after a publish means the post exists but we
 * do not know its id: callers pass `unknown_outcome` there.
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  res: HttpResponse,
  network: string,
  onInvalid: ConnectorErrorKind = "unavailable",
): z.infer<S> {
  const parsed = schema.safeParse(res.json());
  if (parsed.success) return parsed.data;
  throw new ConnectorError(onInvalid, `${networkLabel(network)} answered with a body Switchboard does not understand.`, {
    network,
    status: res.status,
  });
}
