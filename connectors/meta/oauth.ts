import { z } from "zod";
import { parseBody } from "../call.js";
import { ConnectorError } from "../errors.js";
import type { HttpClient } from "../http/types.js";
import { isSuccess } from "../statusErrors.js";
import type { AppCredentials, GrantedAccount, OAuthProvider } from "../types.js";
import { graphUrl, type MetaEndpoints } from "./endpoints.js";
import { graphErrorMapper } from "./errors.js";

const token = z.object({ access_token: z.string(), expires_in: z.number().optional() });

export type ListAccounts = (userToken: string, app: AppCredentials, http: HttpClient) => Promise<GrantedAccount[]>;

/**
 * Facebook Login: the code becomes a short-lived user token, exchanged at once for a long-lived one (60 days);
 * Page tokens read with a long-lived user token never expire, so Pages and Instagram accounts need no refresh.
 */
export function metaOAuth(
  network: "facebook" | "instagram",
  endpoints: MetaEndpoints,
  scopes: readonly string[],
  listAccounts: ListAccounts,
): OAuthProvider {
  const mapError = graphErrorMapper(network);
  async function getToken(http: HttpClient, query: Record<string, string>, app: AppCredentials) {
    const res = await http.request({
      method: "GET",
      url: graphUrl(endpoints, "oauth/access_token"),
      query,
      network,
      operation: "oauth.token",
    });
    if (isSuccess(res)) return parseBody(token, res, network).access_token;
    const error = mapError(res, true, [app.clientSecret, query.code, query.fb_exchange_token]);
    // Any refusal here (bad code, wrong secret) means connecting failed: show Meta's reason.
    throw error.kind === "rejected"
      ? new ConnectorError("auth_expired", error.message, { network, status: error.status, networkCode: error.networkCode })
      : error;
  }

  return {
    authorizationUrl({ app, redirectUri, state }) {
      const url = new URL(`/${endpoints.version}/dialog/oauth`, endpoints.dialog);
      url.search = new URLSearchParams({
        client_id: app.clientId,
        redirect_uri: redirectUri,
        state,
        scope: scopes.join(","),
        response_type: "code",
      }).toString();
      return url.href;
    },
    async exchangeCode({ app, code, redirectUri, http }) {
      const secret = app.clientSecret ?? "";
      const shortLived = await getToken(http, { client_id: app.clientId, redirect_uri: redirectUri, client_secret: secret, code }, app);
      const longLived = await getToken(
        http,
        { grant_type: "fb_exchange_token", client_id: app.clientId, client_secret: secret, fb_exchange_token: shortLived },
        app,
      );
      return listAccounts(longLived, app, http);
    },
  };
}
