import { createHash } from "node:crypto";
import { createPkcePair } from "../../connectors/oauth/pkce.js";
import { memoryTokenKeeper } from "../../connectors/tokens.js";
import type { Connector, GrantedAccount } from "../../connectors/types.js";
import { normaliseHandle } from "../accounts/model.js";
import type { AuditActor } from "../audit/context.js";
import { AppError, notFound } from "../errors.js";
import { randomToken } from "../identity/secrets.js";
import type { Services } from "../services.js";
import { openText, sealText } from "../vault/cipher.js";
import { baseUrlOf } from "./baseUrl.js";
import { markConnected } from "./connectionState.js";
import { saveCredentials } from "./credentials.js";
import { loadNetworkApp, saveNetworkApp } from "./networkApps.js";

const STATE_TTL_MS = 15 * 60_000;
const stateHash = (state: string) => createHash("sha256").update(state).digest("hex");
export const oauthRedirectUri = (services: Services) => `${services.config.baseUrl}/api/accounts/oauth/callback`;

async function accountAndConnector(services: Services, accountId: string) {
  const account = await services.db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", "account_not_found");
  const connector = services.connectors.get(account.network);
  if (!connector)
    throw new AppError(
      400,
      "no_connector",
      `Switchboard cannot connect to ${account.network} yet; the account stays recorded in the inventory.`,
    );
  return { account, connector };
}

function normaliseBaseUrl(connector: Connector, baseUrl: string | undefined): string {
  if (!connector.selfHosted) return "";
  if (!baseUrl)
    throw new AppError(
      400,
      "base_url_required",
      `Say which ${connector.displayName} server the account is on, e.g. https://mastodon.social.`,
    );
  return baseUrlOf(connector, baseUrl);
}

/**
 * Starts connecting an account with OAuth: returns the network's page where a
 * person signs in and allows Switchboard. Self-hosted networks (Mastodon) get
 * Switchboard registered as an app on their server the first time.
 */
export async function startOAuthConnect(services: Services, userId: string, accountId: string, baseUrlInput?: string): Promise<string> {
  const { connector } = await accountAndConnector(services, accountId);
  const oauth = connector.oauth;
  if (connector.auth.kind !== "oauth2" || !oauth)
    throw new AppError(400, "not_oauth", `${connector.displayName} is connected with a password or key, not by signing in.`);
  const baseUrl = normaliseBaseUrl(connector, baseUrlInput);
  const redirectUri = oauthRedirectUri(services);
  let app = await loadNetworkApp(services.db, services.keyring, connector.id, baseUrl);
  if (!app && oauth.registerApp && baseUrl) {
    app = await oauth.registerApp({
      baseUrl,
      redirectUri,
      clientName: "Switchboard",
      website: services.config.baseUrl,
      http: services.http,
    });
    await saveNetworkApp(services.db, services.keyring, null, {
      network: connector.id,
      baseUrl,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    });
  }
  if (!app) {
    throw new AppError(
      400,
      "network_app_missing",
      `Register Switchboard as an app on ${connector.displayName} first (Admin → Network apps).`,
      {
        help: `See docs/networks/${connector.id}.md; the redirect URI is ${redirectUri}.`,
      },
    );
  }
  const state = randomToken();
  const pkce = createPkcePair();
  await services.db
    .insertInto("oauth_states")
    .values({
      state_hash: stateHash(state),
      account_id: accountId,
      user_id: userId,
      base_url: baseUrl,
      verifier_sealed: sealText(services.keyring, pkce.verifier, `oauth:${stateHash(state)}`),
      expires_at: new Date(Date.now() + STATE_TTL_MS).toISOString(),
    })
    .execute();
  return oauth.authorizationUrl({
    app,
    redirectUri,
    state,
    ...(connector.auth.pkce ? { codeChallenge: pkce.challenge } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
}

/** The grant may cover several accounts (Facebook Pages): take the one the inventory entry names. */
function pickGranted(granted: GrantedAccount[], account: { external_id: string | null; handle_key: string }): GrantedAccount | undefined {
  const byId = account.external_id ? granted.find((g) => g.profile.externalId === account.external_id) : undefined;
  const byHandle = granted.find((g) => normaliseHandle(g.profile.handle) === account.handle_key);
  return byId ?? byHandle ?? (granted.length === 1 ? granted[0] : undefined);
}

/** The account a pending sign-in is for, so the person is sent back to its page whatever the outcome. */
export async function accountOfOAuthState(services: Services, state: string): Promise<string | undefined> {
  const pending = await services.db
    .selectFrom("oauth_states")
    .select("account_id")
    .where("state_hash", "=", stateHash(state))
    .executeTakeFirst();
  return pending?.account_id;
}

export async function discardOAuthState(services: Services, state: string): Promise<void> {
  await services.db.deleteFrom("oauth_states").where("state_hash", "=", stateHash(state)).execute();
}

/** Finishes an OAuth connect from the network's redirect. Returns the account id. */
export async function completeOAuthConnect(
  services: Services,
  actor: AuditActor & { actorId: string },
  state: string,
  code: string,
): Promise<string> {
  const { db, keyring } = services;
  const hash = stateHash(state);
  const pending = await db.selectFrom("oauth_states").selectAll().where("state_hash", "=", hash).executeTakeFirst();
  // One use only, whatever happens next.
  await db.deleteFrom("oauth_states").where("state_hash", "=", hash).execute();
  if (!pending || Date.parse(pending.expires_at) < Date.now() || pending.user_id !== actor.actorId) {
    throw new AppError(400, "invalid_oauth_state", "This sign-in link is invalid or expired. Start connecting again.");
  }
  const { account, connector } = await accountAndConnector(services, pending.account_id);
  const app = await loadNetworkApp(db, keyring, connector.id, pending.base_url);
  if (!connector.oauth || !app) throw new AppError(400, "network_app_missing", "The network app was removed while connecting.");
  const granted = await connector.oauth.exchangeCode({
    app,
    code,
    redirectUri: oauthRedirectUri(services),
    codeVerifier: openText(keyring, pending.verifier_sealed, `oauth:${hash}`),
    ...(pending.base_url ? { baseUrl: pending.base_url } : {}),
    http: services.http,
  });
  const chosen = pickGranted(granted, account);
  if (!chosen) {
    throw new AppError(
      400,
      "account_mismatch",
      `You signed in as ${granted.map((g) => g.profile.handle).join(", ")}, not ${account.handle}.`,
    );
  }
  await db.transaction().execute(async (trx) => {
    await saveCredentials(trx, keyring, account.id, chosen.credentials);
    if (pending.base_url && !account.url)
      await trx.updateTable("accounts").set({ url: chosen.profile.url }).where("id", "=", account.id).execute();
    await markConnected(trx, actor, account.id, chosen.profile);
  });
  return account.id;
}

/** Connects a network that uses an app password or API key: checked against the network before it is stored. */
export async function connectWithSecret(
  services: Services,
  actor: AuditActor,
  accountId: string,
  input: { secret: string; identifier?: string | undefined; baseUrl?: string | undefined },
) {
  const { account, connector } = await accountAndConnector(services, accountId);
  if (connector.auth.kind === "oauth2")
    throw new AppError(400, "use_oauth", `${connector.displayName} is connected by signing in on the network.`);
  if (connector.auth.kind === "none")
    throw new AppError(400, "secret_not_used", `${connector.displayName} is connected without a password or key.`);
  const baseUrl = normaliseBaseUrl(connector, input.baseUrl);
  // The user name is kept with the secret it was checked with (WordPress: the login the application password belongs to).
  const identifier = input.identifier ?? account.handle;
  const credentials = { accessToken: input.secret, identifier };
  const client = connector.createClient({
    account: { handle: identifier, ...(baseUrl ? { baseUrl } : {}) },
    app: { clientId: "" },
    credentials,
    http: services.http,
    tokens: memoryTokenKeeper(credentials),
  });
  const profile = await client.verifyCredentials();
  await services.db.transaction().execute(async (trx) => {
    await saveCredentials(trx, services.keyring, account.id, credentials);
    // The account's address is the server it was connected on (a WordPress site may live in a folder).
    if (baseUrl && (!account.url || baseUrlOf(connector, account.url) !== baseUrl))
      await trx.updateTable("accounts").set({ url: baseUrl }).where("id", "=", account.id).execute();
    await markConnected(trx, actor, account.id, profile);
  });
}

/**
 * Connects an account that needs no credentials (an RSS feed): checks it works and stores nothing secret.
 * `feedUrl` (else the account's address) is the feed to read; an account without one hosts its own feed only.
 */
export async function connectWithoutSecret(
  services: Services,
  actor: AuditActor,
  accountId: string,
  input: { feedUrl?: string | undefined },
) {
  const { account, connector } = await accountAndConnector(services, accountId);
  if (connector.auth.kind !== "none")
    throw new AppError(400, "secret_required", `${connector.displayName} needs a password, key or sign-in.`);
  const url = input.feedUrl ?? account.url ?? undefined;
  const credentials = { accessToken: "" };
  const client = connector.createClient({
    account: { handle: account.handle, ...(url ? { url } : {}) },
    app: { clientId: "" },
    credentials,
    http: services.http,
    tokens: memoryTokenKeeper(credentials),
  });
  const profile = await client.verifyCredentials();
  await services.db.transaction().execute(async (trx) => {
    if (input.feedUrl && input.feedUrl !== account.url)
      await trx.updateTable("accounts").set({ url: input.feedUrl }).where("id", "=", account.id).execute();
    await markConnected(trx, actor, account.id, profile);
  });
}
