import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConnectorError } from "../../connectors/errors.js";
import { authorizeOnAccount } from "../accounts/policies.js";
import { presentAccountDetail } from "../accounts/presentDetail.js";
import { AccountDetailSchema } from "../accounts/schema.js";
import { findAccountRow } from "../accounts/store.js";
import { AppError, notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import { checkEmail } from "../inbox/email/checkEmail.js";
import type { Services } from "../services.js";
import {
  accountOfOAuthState,
  completeOAuthConnect,
  connectWithoutSecret,
  connectWithSecret,
  discardOAuthState,
  startOAuthConnect,
} from "./connect.js";
import { disconnectAccount } from "./disconnect.js";
import { listNetworkApps, saveNetworkApp } from "./networkApps.js";
import { withClient } from "./withClient.js";

const tags = ["connections"];

/** A network's refusal becomes a 4xx the person can act on; the network's own reason is kept. */
function asAppError(error: unknown): never {
  if (error instanceof ConnectorError) {
    const status = error.kind === "rate_limited" ? 429 : error.kind === "unavailable" || error.kind === "unknown_outcome" ? 502 : 400;
    throw new AppError(status, `network_${error.kind}`, error.message, {
      ...(error.resetAt ? { details: { resetAt: error.resetAt.toISOString() } } : {}),
    });
  }
  throw error;
}

const ConnectBody = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional()
    .describe("The server, for self-hosted networks (Mastodon, WordPress); for RSS, the feed to read"),
  identifier: z.string().max(300).optional().describe("User name or handle, for app-password networks"),
  secret: z.string().min(1).max(5000).optional().describe("App password or API key; never shown again"),
});

export async function connectionRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;

  const manageable = async (request: Parameters<typeof actorOf>[0], id: string) => {
    const row = await findAccountRow(db, id);
    if (!row) throw notFound("Account", "account_not_found");
    await authorizeOnAccount(db, actorOf(request), row, "manage");
    return row;
  };

  app.post(
    "/api/accounts/:id/connect",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "Connect an account: returns the network's sign-in page (OAuth), or checks and stores an app password or key",
        params: IdParams,
        body: ConnectBody,
        response: {
          200: z.object({ authorizationUrl: z.string().nullable(), account: AccountDetailSchema.nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await manageable(request, request.params.id);
      const { secret, baseUrl, identifier } = request.body;
      try {
        if (services.connectors.get(row.network)?.auth.kind === "none" && secret === undefined) {
          await connectWithoutSecret(services, auditOf(request), request.params.id, { feedUrl: baseUrl });
        } else if (secret === undefined) {
          return { authorizationUrl: await startOAuthConnect(services, actor.user.id, request.params.id, baseUrl), account: null };
        } else {
          await connectWithSecret(services, auditOf(request), request.params.id, { secret, identifier, baseUrl });
        }
      } catch (error) {
        asAppError(error);
      }
      return { authorizationUrl: null, account: await presentAccountDetail(db, actor, request.params.id) };
    },
  );

  app.get(
    "/api/accounts/oauth/callback",
    {
      schema: {
        tags,
        summary: "Where the network sends the person back after they allowed Switchboard",
        querystring: z.object({
          code: z.string().max(2000).optional(),
          state: z.string().max(200).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { code, state, error, error_description: description } = request.query;
      const back = (path: string, params: Record<string, string>) => reply.redirect(`${path}?${new URLSearchParams(params).toString()}`);
      const pendingAccount = state ? await accountOfOAuthState(services, state) : undefined;
      const failed = (message: string) => back(pendingAccount ? `/accounts/${pendingAccount}` : "/accounts", { connectError: message });
      if (error || !code || !state) {
        // Refused on the network: the sign-in is over, its state must not be usable again.
        if (state) await discardOAuthState(services, state);
        return failed(description ?? error ?? "The network did not say why.");
      }
      try {
        const accountId = await completeOAuthConnect(services, { ...auditOf(request), actorId: actor.user.id }, state, code);
        return back(`/accounts/${accountId}`, { connected: "1" });
      } catch (err) {
        const message = err instanceof ConnectorError || err instanceof AppError ? err.message : "Connecting failed.";
        if (!(err instanceof ConnectorError || err instanceof AppError)) request.log.error({ err }, "oauth callback failed");
        return failed(message);
      }
    },
  );

  app.post(
    "/api/accounts/:id/check",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "Check the connection now (records health; a refused token marks the account needs_reconnect)",
        params: IdParams,
        response: { 200: AccountDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await manageable(request, request.params.id);
      if (row.connection_status === "not_connected") throw new AppError(409, "not_connected", "Connect this account first.");
      // A mailbox's servers are settings of its own, not a client's credentials (server/inbox/email).
      if (row.network === "email") await checkEmail(services, request.params.id);
      else
        try {
          await withClient(services, request.params.id, (client) => client.verifyCredentials());
        } catch (error) {
          if (!(error instanceof ConnectorError)) throw error;
        }
      return presentAccountDetail(db, actorOf(request), request.params.id);
    },
  );

  app.post(
    "/api/accounts/:id/disconnect",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "Forget the account's credentials",
        params: IdParams,
        response: { 200: AccountDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      await manageable(request, request.params.id);
      await disconnectAccount(db, auditOf(request), request.params.id);
      return presentAccountDetail(db, actorOf(request), request.params.id);
    },
  );

  app.get(
    "/api/network-apps",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Apps registered on networks (client ids; secrets are never shown)",
        response: {
          200: z.object({
            redirectUri: z.string(),
            apps: z.array(
              z.object({
                id: z.string(),
                network: z.string(),
                baseUrl: z.string(),
                clientId: z.string(),
                hasSecret: z.boolean(),
                hasBearerToken: z.boolean().describe("X: the app-only Bearer token for the filtered stream is stored"),
                updatedAt: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ redirectUri: `${services.config.baseUrl}/api/accounts/oauth/callback`, apps: await listNetworkApps(db) }),
  );

  app.put(
    "/api/network-apps/:network",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Save the client id and secret of the app registered on a network (and X's Bearer token for its stream)",
        params: z.strictObject({ network: z.string().min(1).max(40) }),
        body: z.strictObject({
          clientId: z.string().min(1).max(500),
          clientSecret: z.string().min(1).max(2000).optional(),
          bearerToken: z
            .string()
            .trim()
            .min(1)
            .max(2000)
            .optional()
            .describe("X only: the app's Bearer token (app-only), for the live filtered stream into the inbox; kept in the vault"),
          baseUrl: z
            .url({ protocol: /^https?$/ })
            .max(300)
            .optional(),
        }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const connector = services.connectors.get(request.params.network);
      if (connector?.auth.kind !== "oauth2")
        throw new AppError(400, "no_oauth_connector", `${request.params.network} has no connector that signs in with OAuth.`);
      if (request.body.bearerToken !== undefined && connector.id !== "x")
        throw new AppError(400, "bearer_token_not_used", "Only the X app takes a Bearer token (for its filtered stream).");
      const baseUrl = request.body.baseUrl ? new URL(request.body.baseUrl).origin : "";
      await saveNetworkApp(db, services.keyring, auditOf(request), {
        network: connector.id,
        baseUrl,
        clientId: request.body.clientId,
        clientSecret: request.body.clientSecret,
        bearerToken: request.body.bearerToken,
      });
      return reply.code(204).send(null);
    },
  );
}
