import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import type { Services } from "../services.js";
import { baseUrlOf } from "./baseUrl.js";
import { recordFailure, recordSuccess } from "./connectionState.js";
import { loadCredentials } from "./credentials.js";
import { loadNetworkApp } from "./networkApps.js";
import { databaseTokenKeeper } from "./tokenKeeper.js";

/** Tokens expiring within this window are renewed ahead of time, so no publish waits on a refresh. */
export const REFRESH_AHEAD_MS = 30 * 60_000;

export interface RefreshOutcome {
  refreshed: string[];
  failed: string[];
}

/** Connected accounts whose access token expires within `withinMs` (and has not already expired long ago). */
async function expiringAccounts(db: Database, withinMs: number) {
  return db
    .selectFrom("accounts")
    .select(["id", "network", "url"])
    .where("connection_status", "=", "connected")
    .where("token_expires_at", "is not", null)
    .where("token_expires_at", "<", new Date(Date.now() + withinMs).toISOString())
    .orderBy("token_expires_at")
    .limit(500)
    .execute();
}

/**
 * Renews, under each account's lock, the tokens about to expire. One account's failure never stops
 * the others: a refused refresh marks that account `needs_reconnect` and tells its owner.
 */
export async function refreshExpiringTokens(services: Services, withinMs = REFRESH_AHEAD_MS): Promise<RefreshOutcome> {
  const { db, keyring } = services;
  const outcome: RefreshOutcome = { refreshed: [], failed: [] };
  for (const account of await expiringAccounts(db, withinMs)) {
    const connector = services.connectors.get(account.network);
    const oauth = connector?.oauth;
    if (!connector || !oauth?.refresh) continue;
    const credentials = await loadCredentials(db, keyring, account.id);
    if (!credentials?.refreshToken) continue;
    const baseUrl = connector.selfHosted && account.url ? baseUrlOf(connector, account.url) : "";
    const app = await loadNetworkApp(db, keyring, connector.id, baseUrl);
    if (!app) continue;
    const refresh = oauth.refresh.bind(oauth);
    try {
      await databaseTokenKeeper(db, keyring, account.id).refresh(credentials, (latest) =>
        refresh({ app, credentials: latest, ...(baseUrl ? { baseUrl } : {}), http: services.http }),
      );
      await recordSuccess(db, account.id);
      await recordAudit(db, systemActor("connections"), {
        action: "account.token_refreshed",
        targetType: "account",
        targetId: account.id,
        summary: `Renewed the ${connector.displayName} access token before it expired`,
      });
      outcome.refreshed.push(account.id);
    } catch (error) {
      await recordFailure(db, account.id, error);
      outcome.failed.push(account.id);
    }
  }
  return outcome;
}
