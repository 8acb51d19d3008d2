import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import type { Services } from "../../services.js";
import { createApiToken, listApiTokens, revokeApiToken } from "../apiTokens.js";
import { permissionsForRoles } from "../roles.js";
import { ApiTokenSchema, CreatedToken, CreateTokenBody, IdParams } from "../schema.js";

const tags = ["api tokens"];

export async function tokenRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/tokens",
    {
      config: { permission: "tokens.manage" },
      schema: { tags, summary: "Your API tokens", response: { 200: z.object({ tokens: z.array(ApiTokenSchema) }), ...errorResponses } },
    },
    async (request) => ({ tokens: await listApiTokens(db, actorOf(request).user.id) }),
  );

  app.post(
    "/api/tokens",
    {
      config: { permission: "tokens.manage" },
      schema: {
        tags,
        summary: "Create an API token (the token is shown once)",
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Scopes are bounded by the owner's role permissions, not by the calling token's scopes.
      const owner = { id: actor.user.id, permissions: actor.via === "token" ? actor.permissions : permissionsForRoles(actor.roles) };
      const { token, view } = await createApiToken(db, auditOf(request), owner, request.body);
      return reply.code(201).send({ token, apiToken: view });
    },
  );

  app.delete(
    "/api/tokens/:id",
    {
      config: { permission: "tokens.manage" },
      schema: { tags, summary: "Revoke one of your API tokens", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await revokeApiToken(db, auditOf(request), actorOf(request).user.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
