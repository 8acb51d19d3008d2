import type { ConnectorClient, Credentials } from "../../connectors/types.js";
import { type AuditActor, systemActor } from "../audit/context.js";
import { AppError, notFound } from "../errors.js";
import { createFeedStore } from "../feeds/feedStore.js";
import type { Services } from "../services.js";
import { baseUrlOf } from "./baseUrl.js";
import { recordFailure, recordSuccess } from "./connectionState.js";
import { loadCredentials } from "./credentials.js";
import { loadNetworkApp } from "./networkApps.js";
import { databaseTokenKeeper } from "./tokenKeeper.js";

export interface WithClientOptions {
  /** Who the work is done for, in the audit trail of what it changes in Switchboard (a hosted feed's items). */
  actor?: AuditActor;
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
  const { db, keyring } = services;
  const account = await db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", "account_not_found");
  const connector = services.connectors.get(account.network);
  if (!connector) throw new AppError(400, "no_connector", `There is no connector for ${account.network}.`);
  // A network without credentials (a feed) is connected once checked; there is nothing in the vault.
  const credentials: Credentials | undefined =
    connector.auth.kind === "none"
      ? account.connection_status === "not_connected"
        ? undefined
        : { accessToken: "" }
      : await loadCredentials(db, keyring, accountId);
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
    tokens: databaseTokenKeeper(db, keyring, accountId),
    feedStore: createFeedStore(db, options.actor ?? systemActor("connections"), account, services.config.baseUrl),
  });
  try {
    const result = await work(client);
    await recordSuccess(db, accountId);
    return result;
  } catch (error) {
    await recordFailure(db, accountId, error);
    throw error;
  }
}
