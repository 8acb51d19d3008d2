import type { ConnectorClient, Credentials } from "../../connectors/types.js";
import { type AuditActor, systemActor } from "../audit/context.js";
import type { Database } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { createFeedStore } from "../feeds/feedStore.js";
import type { Services } from "../services.js";
import { baseUrlOf } from "./baseUrl.js";
import type { ClientCache } from "./clientCache.js";
import { recordFailure, recordSuccess } from "./connectionState.js";
import { loadCredentials } from "./credentials.js";
import { loadNetworkApp } from "./networkApps.js";
import { databaseTokenKeeper } from "./tokenKeeper.js";

export interface WithClientOptions {
  /** Who the work is done for, in the audit trail of what it changes in Switchboard (a hosted feed's items). */
  actor?: AuditActor;
  /**
   * Clients kept from earlier calls (the publish engine's, across its passes): one read tells whether
   * the account, its credentials or its network app changed since; if not, the client is used again
   * instead of reading and decrypting the vault.
   */
  cache?: ClientCache;
  /** The account as read by `accountsWithStamp` a moment ago (a caller about to work on many accounts reads them at once). */
  account?: AccountWithStamp;
}

/** Health is written when it changes, and a success at most once a minute (the engine calls many times a second). */
const SUCCESS_REFRESH_MS = 60_000;

/**
 * Accounts with what says whether each one's client is still good: when its credentials (count and last
 * change, so a removal shows) and its network's app last changed. One query for any number of accounts.
 */
export const accountsWithStamp = (db: Database, accountIds: readonly string[]) =>
  accountIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("accounts")
        .selectAll("accounts")
        .select((eb) => [
          eb
            .selectFrom("vault_secrets")
            .select((s) => s.fn.max("vault_secrets.updated_at").as("at"))
            .where("vault_secrets.owner_type", "=", "account")
            .whereRef("vault_secrets.owner_id", "=", "accounts.id")
            .as("secrets_at"),
          eb
            .selectFrom("vault_secrets")
            .select((s) => s.fn.countAll<number>().as("n"))
            .where("vault_secrets.owner_type", "=", "account")
            .whereRef("vault_secrets.owner_id", "=", "accounts.id")
            .as("secrets_n"),
          eb
            .selectFrom("network_apps")
            .select((s) => s.fn.max("network_apps.updated_at").as("at"))
            .whereRef("network_apps.network", "=", "accounts.network")
            .as("app_at"),
        ])
        .where("accounts.id", "in", accountIds)
        .execute();

export type AccountWithStamp = Awaited<ReturnType<typeof accountsWithStamp>>[number];

/** A client for the account as it is now: built from the vault, or the cached one when nothing changed. */
async function clientFor(services: Services, account: AccountWithStamp, options: WithClientOptions): Promise<ConnectorClient> {
  const { db, keyring } = services;
  const stamp = [account.updated_at, account.connection_status, account.secrets_at, account.secrets_n, account.app_at].join("|");
  const cached = options.cache?.get(account.id, stamp);
  if (cached) return cached;
  const connector = services.connectors.get(account.network);
  if (!connector) throw new AppError(400, "no_connector", `There is no connector for ${account.network}.`);
  // A network without credentials (a feed) is connected once checked; there is nothing in the vault.
  const credentials: Credentials | undefined =
    connector.auth.kind === "none"
      ? account.connection_status === "not_connected"
        ? undefined
        : { accessToken: "" }
      : await loadCredentials(db, keyring, account.id);
  if (!credentials) throw new AppError(409, "not_connected", "Connect this account first.");
  const baseUrl = connector.selfHosted && account.url ? baseUrlOf(connector, account.url) : "";
  const app = (await loadNetworkApp(db, keyring, connector.id, baseUrl)) ?? { clientId: "" };
  const client = connector.createClient({
    account: {
      ...(account.external_id ? { externalId: account.external_id } : {}),
      handle: account.handle,
      ...(baseUrl ? { baseUrl } : {}),
      ...(account.url ? { url: account.url } : {}),
    },
    app,
    credentials,
    http: services.http,
    tokens: databaseTokenKeeper(db, keyring, account.id),
    feedStore: createFeedStore(db, options.actor ?? systemActor("connections"), account, services.config.baseUrl),
  });
  options.cache?.set(account.id, stamp, client);
  return client;
}

/**
 * Runs `work` with a connector client for one account: credentials from the
 * vault, refreshes under the account's lock, and the outcome recorded on the
 * account's connection health (a refused token marks it `needs_reconnect`
 * and tells its owner).
 */
export async function withClient<T>(
  services: Services,
  accountId: string,
  work: (client: ConnectorClient) => Promise<T>,
  options: WithClientOptions = {},
): Promise<T> {
  const { db } = services;
  const account = options.account?.id === accountId ? options.account : (await accountsWithStamp(db, [accountId]))[0];
  if (!account) throw notFound("Account", "account_not_found");
  const client = await clientFor(services, account, options);
  try {
    const result = await work(client);
    const healthy = account.connection_status === "connected" && account.last_error === null;
    const recent = account.last_success_at !== null && Date.now() - Date.parse(account.last_success_at) < SUCCESS_REFRESH_MS;
    if (!healthy || !recent) await recordSuccess(db, accountId);
    return result;
  } catch (error) {
    options.cache?.drop(accountId);
    await recordFailure(db, accountId, error);
    throw error;
  }
}
