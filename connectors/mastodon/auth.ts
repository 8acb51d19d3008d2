import { parseBody } from "../call.js";
import { requestToken } from "../oauth/tokenEndpoint.js";
import { isSuccess } from "../statusErrors.js";
import { memoryTokenKeeper } from "../tokens.js";
import type { OAuthProvider } from "../types.js";
import { createMastodonClient, requireBaseUrl } from "./api.js";
import { mapMastodonError } from "./errors.js";
import { registeredApp } from "./mapping.js";

export const MASTODON_SCOPES = ["read:accounts", "read:notifications", "read:statuses", "write:statuses", "write:media"] as const;

/** Every Mastodon server is its own OAuth provider: Switchboard registers itself on each (POST /api/v1/apps). */
export const mastodonOAuth: OAuthProvider = {
  async registerApp({ baseUrl, redirectUri, clientName, website, http }) {
    const res = await http.request({
      method: "POST",
      url: new URL("/api/v1/apps", baseUrl),
      network: "mastodon",
      operation: "oauth.registerApp",
      form: { client_name: clientName, redirect_uris: redirectUri, scopes: MASTODON_SCOPES.join(" "), website },
    });
    if (!isSuccess(res)) throw mapMastodonError(res, false, []);
    const app = parseBody(registeredApp, res, "mastodon");
    return { clientId: app.client_id, clientSecret: app.client_secret };
  },
  authorizationUrl({ app, redirectUri, state, codeChallenge, baseUrl }) {
    const url = new URL("/oauth/authorize", requireBaseUrl(baseUrl));
    const params = new URLSearchParams({
      response_type: "code",
      client_id: app.clientId,
      redirect_uri: redirectUri,
      scope: MASTODON_SCOPES.join(" "),
      state,
    });
    // PKCE is supported from Mastodon 4.3; older servers ignore the parameters.
    if (codeChallenge) params.set("code_challenge", codeChallenge);
    if (codeChallenge) params.set("code_challenge_method", "S256");
    url.search = params.toString();
    return url.href;
  },
  async exchangeCode({ app, code, redirectUri, codeVerifier, baseUrl, http }) {
    const base = requireBaseUrl(baseUrl);
    const params = {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
      scope: MASTODON_SCOPES.join(" "),
    };
    const credentials = await requestToken({
      http,
      network: "mastodon",
      url: new URL("/oauth/token", base).href,
      app,
      params,
      clientAuth: "body",
    });
    const context = { account: { baseUrl: base }, app, credentials, http, tokens: memoryTokenKeeper(credentials) };
    return [{ profile: await createMastodonClient(context).verifyCredentials(), credentials }];
  },
};
