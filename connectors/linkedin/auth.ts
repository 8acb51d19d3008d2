import { parseBody } from "../call.js";
import { isConnectorError } from "../errors.js";
import { requestToken } from "../oauth/tokenEndpoint.js";
import { memoryTokenKeeper } from "../tokens.js";
import type { AppCredentials, Credentials, GrantedAccount, HttpClient, OAuthProvider } from "../types.js";
import { fetchProfile, linkedInCaller } from "./api.js";
import { LINKEDIN_SCOPES, type LinkedInEndpoints } from "./endpoints.js";
import { organizationAcls } from "./mapping.js";

/** LinkedIn's 3-legged OAuth (no PKCE for web apps); client id and secret go in the form body. */
export function linkedInOAuth(endpoints: LinkedInEndpoints): OAuthProvider {
  return {
    authorizationUrl({ app, redirectUri, state }) {
      const url = new URL(`${endpoints.oauth}/authorization`);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: app.clientId,
        redirect_uri: redirectUri,
        state,
        scope: LINKEDIN_SCOPES.join(" "),
      }).toString();
      return url.href;
    },
    async exchangeCode({ app, code, redirectUri, http }) {
      const params = { grant_type: "authorization_code", code, redirect_uri: redirectUri };
      const credentials = await requestToken({
        http,
        network: "linkedin",
        url: `${endpoints.oauth}/accessToken`,
        app,
        params,
        clientAuth: "body",
      });
      return grantedAccounts(endpoints, app, credentials, http);
    },
    refresh: ({ app, credentials, http }) => refreshLinkedIn(endpoints, app, credentials, http),
  };
}

/** LinkedIn keeps the same refresh token (its lifetime does not restart); the new access token lives 60 days. */
export function refreshLinkedIn(endpoints: LinkedInEndpoints, app: AppCredentials, credentials: Credentials, http: HttpClient) {
  const params = { grant_type: "refresh_token", refresh_token: credentials.refreshToken };
  return requestToken({ http, network: "linkedin", url: `${endpoints.oauth}/accessToken`, app, params, clientAuth: "body" });
}

/** The member, and every Page they administer (when the Community Management scopes were granted). */
async function grantedAccounts(
  endpoints: LinkedInEndpoints,
  app: AppCredentials,
  credentials: Credentials,
  http: HttpClient,
): Promise<GrantedAccount[]> {
  const call = linkedInCaller({ account: {}, app, credentials, http, tokens: memoryTokenKeeper(credentials) }, endpoints);
  const accounts: GrantedAccount[] = [{ profile: await fetchProfile(call, endpoints, undefined), credentials }];
  try {
    const query = { q: "roleAssignee", role: "ADMINISTRATOR", state: "APPROVED" };
    const res = await call({ method: "GET", url: new URL("/rest/organizationAcls", endpoints.api), query, operation: "organizations" });
    for (const acl of parseBody(organizationAcls, res, "linkedin").elements) {
      accounts.push({ profile: await fetchProfile(call, endpoints, acl.organization), credentials });
    }
  } catch (error) {
    // Without the Page scopes LinkedIn answers 403: the member can still post as themselves.
    if (!isConnectorError(error, "auth_expired")) throw error;
  }
  return accounts;
}
