import { ConnectorError, isConnectorError } from "./errors.js";
import type { ConnectorContext, Credentials } from "./types.js";

/** Credentials are refreshed this long before they expire, so a request never starts with a token about to lapse. */
const EXPIRY_SKEW_MS = 60_000;

/**
 * Holds an account's credentials for one client: refreshes them before expiry and once after a 401,
 * always through the server's TokenKeeper. A 401 proves the request was not acted on, so repeating
 * it once with fresh credentials is safe even for a publish.
 */
export function createSession(context: ConnectorContext, refresh?: (latest: Credentials) => Promise<Credentials>) {
  let credentials = context.credentials;
  const now = context.now ?? (() => new Date());

  const canRefresh = () => refresh !== undefined && credentials.refreshToken !== undefined;
  const expiresSoon = () => credentials.expiresAt !== undefined && credentials.expiresAt.getTime() - EXPIRY_SKEW_MS <= now().getTime();

  async function renew(): Promise<void> {
    if (!refresh) throw new ConnectorError("auth_expired", "The credentials cannot be refreshed.", { network: "unknown" });
    credentials = await context.tokens.refresh(credentials, refresh);
  }

  return {
    current: () => credentials,
    /** Secrets to scrub from any text that came back from the network. */
    secrets: () => [credentials.accessToken, credentials.refreshToken, context.app.clientSecret],
    async withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
      if (canRefresh() && expiresSoon()) await renew();
      try {
        return await call(credentials.accessToken);
      } catch (error) {
        if (!isConnectorError(error, "auth_expired") || !canRefresh()) throw error;
        await renew();
        return call(credentials.accessToken);
      }
    },
  };
}

export type Session = ReturnType<typeof createSession>;
