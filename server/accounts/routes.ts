import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { NETWORKS } from "../../connectors/registry.js";
import { connectMethodOf } from "../connections/catalog.js";
import { notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { deleteAccount } from "./deleteAccount.js";
import { authorizeOnAccount } from "./policies.js";
import { presentAccountDetail } from "./presentDetail.js";
import { createAccount, updateAccount } from "./saveAccount.js";
import {
  AccountDetailSchema,
  AccountInput,
  AccountListQuery,
  AccountPatch,
  AccountSummarySchema,
  GrantsBody,
  NetworkSchema,
} from "./schema.js";
import { setAccountGrants } from "./setGrants.js";
import { findAccountRow, listAccounts } from "./store.js";

const tags = ["accounts"];

export async function accountRoutes(base: FastifyInstance, { db, connectors }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const loadForChange = async (id: string) => {
    const row = await findAccountRow(db, id);
    if (!row) throw notFound("Account", "account_not_found");
    return row;
  };

  app.get(
    "/api/networks",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "Networks an account can be on",
        response: { 200: z.object({ networks: z.array(NetworkSchema) }), ...errorResponses },
      },
    },
    async () => ({
      networks: NETWORKS.map(({ id, name, status, homepage, profileUrl, handleHint }) => ({
        id,
        name,
        status,
        homepage,
        profileUrl,
        handleHint,
        connect: connectMethodOf(connectors.get(id)),
        threads: connectors.get(id)?.capabilities.publishThread ?? false,
      })),
    }),
  );

  app.get(
    "/api/accounts",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "The account inventory, with health",
        querystring: AccountListQuery,
        response: { 200: z.object({ accounts: z.array(AccountSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ accounts: await listAccounts(db, request.query) }),
  );

  app.post(
    "/api/accounts",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Record an account in the inventory",
        body: AccountInput,
        response: { 201: AccountDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await createAccount(db, auditOf(request), request.body);
      return reply.code(201).send(await presentAccountDetail(db, actorOf(request), id));
    },
  );

  app.get(
    "/api/accounts/:id",
    {
      config: { permission: "accounts.read" },
      schema: { tags, summary: "One account", params: IdParams, response: { 200: AccountDetailSchema, ...errorResponses } },
    },
    async (request) => presentAccountDetail(db, actorOf(request), request.params.id),
  );

  app.patch(
    "/api/accounts/:id",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "Edit an account (needs manage access to it)",
        params: IdParams,
        body: AccountPatch,
        response: { 200: AccountDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await authorizeOnAccount(db, actor, await loadForChange(request.params.id), "manage");
      await updateAccount(db, auditOf(request), request.params.id, request.body);
      return presentAccountDetail(db, actor, request.params.id);
    },
  );

  app.delete(
    "/api/accounts/:id",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Delete an account and erase its stored credentials",
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteAccount(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/api/accounts/:id/grants",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "Replace who may view, draft, publish, reply or manage",
        params: IdParams,
        body: GrantsBody,
        response: { 200: AccountDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await authorizeOnAccount(db, actor, await loadForChange(request.params.id), "manage");
      await setAccountGrants(db, auditOf(request), request.params.id, request.body.grants);
      return presentAccountDetail(db, actor, request.params.id);
    },
  );
}
