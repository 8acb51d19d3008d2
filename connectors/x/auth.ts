import { requestToken } from "../oauth/tokenEndpoint.js";
import { memoryTokenKeeper } from "../tokens.js";
import type { AppCredentials, Credentials, HttpClient, OAuthProvider } from "../types.js";
import { createXClient } from "./api.js";
import { X_SCOPES, type XEndpoints } from "./endpoints.js";

/** OAuth 2.0 Authorization Code with PKCE; confidential clients authenticate with HTTP Basic at the token endpoint. */
export function xOAuth(endpoints: XEndpoints): OAuthProvider {
  const tokenUrl = new URL("/2/oauth2/token", endpoints.api).href;
  const provider: OAuthProvider = {
    authorizationUrl({ app, redirectUri, state, codeChallenge }) {
      if (!codeChallenge) throw new Error("X requires PKCE: pass a code challenge.");
      const url = new URL(endpoints.authorize);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: app.clientId,
        redirect_uri: redirectUri,
        scope: X_SCOPES.join(" "),
        state,
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
      }).toString();
      return url.href;
    },
    async exchangeCode({ app, code, redirectUri, codeVerifier, http }) {
      const params = { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: codeVerifier };
      const credentials = await requestToken({ http, network: "x", url: tokenUrl, app, params, clientAuth: "basic" });
      const context = { account: {}, app, credentials, http, tokens: memoryTokenKeeper(credentials) };
      const profile = await createXClient(context, endpoints, async (c) => c).verifyCredentials();
      return [{ profile, credentials }];
    },
    refresh: ({ app, credentials, http }) => refreshX(endpoints, app, credentials, http),
  };
  return provider;
}

/** X rotates refresh tokens: the one sent is spent, so the result must be persisted before anything else. */
export function refreshX(endpoints: XEndpoints, app: AppCredentials, credentials: Credentials, http: HttpClient): Promise<Credentials> {
  const params = { grant_type: "refresh_token", refresh_token: credentials.refreshToken };
  return requestToken({ http, network: "x", url: new URL("/2/oauth2/token", endpoints.api).href, app, params, clientAuth: "basic" });
}
