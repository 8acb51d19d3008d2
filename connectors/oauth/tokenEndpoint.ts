import { z } from "zod";
import { ConnectorError, networkLabel, scrub } from "../errors.js";
import type { HttpClient, HttpResponse } from "../http/types.js";
import { errorForStatus } from "../statusErrors.js";
import type { AppCredentials, Credentials } from "../types.js";

/** RFC 6749 §5.1, with LinkedIn's `refresh_token_expires_in`. */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
});

/** RFC 6749 §5.2. */
const tokenError = z.object({ error: z.string(), error_description: z.string().optional() });

export function credentialsFrom(res: HttpResponse, network: string, now: Date): Credentials {
  const parsed = tokenResponse.safeParse(res.json());
  if (!parsed.success)
    throw new ConnectorError("unavailable", `${networkLabel(network)} answered the token request with an unexpected body.`, {
      network,
      status: res.status,
    });
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: t.expires_in ? new Date(now.getTime() + t.expires_in * 1000) : undefined,
    refreshTokenExpiresAt: t.refresh_token_expires_in ? new Date(now.getTime() + t.refresh_token_expires_in * 1000) : undefined,
    // RFC 6749 separates scopes with spaces; LinkedIn and Meta use commas.
    scopes: t.scope ? t.scope.split(/[\s,]+/).filter(Boolean) : undefined,
  };
}

export interface TokenRequest {
  http: HttpClient;
  network: string;
  url: string;
  app: AppCredentials;
  params: Record<string, string | undefined>;
  /** `basic`: client id and secret in an Authorization header (RFC 6749 §2.3.1); `body`: as form fields. */
  clientAuth: "basic" | "body";
  now?: Date;
}

/** POSTs to a standard OAuth token endpoint; a refused grant (bad code, spent refresh token) is `auth_expired`. */
export async function requestToken(t: TokenRequest): Promise<Credentials> {
  const secrets = [t.app.clientSecret, t.params.code, t.params.refresh_token, t.params.code_verifier];
  const basic = t.clientAuth === "basic" && t.app.clientSecret;
  const res = await t.http.request({
    method: "POST",
    url: t.url,
    network: t.network,
    operation: "oauth.token",
    // Repeating a token request cannot create anything; at worst a rotated refresh token is spent, which the lock prevents.
    idempotent: true,
    headers: basic ? { authorization: `Basic ${Buffer.from(`${t.app.clientId}:${t.app.clientSecret}`).toString("base64")}` } : {},
    form: { ...t.params, client_id: t.app.clientId, ...(t.clientAuth === "body" || !basic ? { client_secret: t.app.clientSecret } : {}) },
  });
  if (res.status >= 200 && res.status < 300) return credentialsFrom(res, t.network, t.now ?? new Date());
  const body = tokenError.safeParse(res.json());
  if (body.success && res.status < 500) {
    const reason = scrub(body.data.error_description ?? body.data.error, secrets);
    throw new ConnectorError("auth_expired", `${networkLabel(t.network)} refused the authorization: ${reason}`, {
      network: t.network,
      status: res.status,
      networkCode: body.data.error,
    });
  }
  throw errorForStatus(res, t.network, true, "The token request failed.");
}
