/** Helpers shared by the connector tests (tests only). */
import { createHttpClient } from "../http/client.js";
import type { HttpClient } from "../http/types.js";
import { createPkcePair } from "../oauth/pkce.js";
import { memoryTokenKeeper } from "../tokens.js";
import type { AccountRef, AppCredentials, ConnectorContext, Credentials, OAuthProvider } from "../types.js";

/** Short timeouts so a hanging stand-in fails a request quickly; no proxy whatever the environment says. */
export const testHttp = (): HttpClient =>
  createHttpClient({ timeouts: { connectMs: 2000, headersMs: 400, bodyMs: 400 }, proxy: { httpProxy: "", httpsProxy: "", noProxy: "" } });

export function testContext(http: HttpClient, app: AppCredentials, credentials: Credentials, account: AccountRef = {}) {
  const rotated: Credentials[] = [];
  const tokens = memoryTokenKeeper(credentials, (next) => {
    rotated.push(next);
  });
  const context: ConnectorContext = { account, app, credentials, http, tokens };
  return { context, tokens, rotated };
}

/**
 * Plays the person in the browser: opens the authorization URL (the stand-in consents at once), reads
 * the redirect back to Switchboard, checks the state and exchanges the code.
 */
export async function connect(oauth: OAuthProvider, http: HttpClient, app: AppCredentials, redirectUri: string, baseUrl?: string) {
  const pkce = createPkcePair();
  const state = "state-123";
  const url = oauth.authorizationUrl({ app, redirectUri, state, codeChallenge: pkce.challenge, baseUrl });
  const res = await http.request({ method: "GET", url });
  if (res.status !== 302 || !res.headers.location) throw new Error(`authorization failed: ${res.status} ${res.body}`);
  const back = new URL(res.headers.location);
  if (back.searchParams.get("state") !== state) throw new Error("state mismatch");
  const code = back.searchParams.get("code") ?? "";
  return oauth.exchangeCode({ app, code, redirectUri, codeVerifier: pkce.verifier, baseUrl, http });
}
