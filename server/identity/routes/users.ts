import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import type { Services } from "../../services.js";
import { createUser } from "../createUser.js";
import { authorizeUserUpdate } from "../policies.js";
import { PERMISSIONS, ROLE_DESCRIPTIONS, ROLE_PERMISSIONS, ROLES } from "../roles.js";
import { CreateUserBody, IdParams, ResetPasswordBody, RolesCatalogue, UpdateUserBody, UserListQuery, UserSchema } from "../schema.js";
import { setPassword } from "../setPassword.js";
import { getUserView, listUsers } from "../store.js";
import { updateUser } from "../updateUser.js";

const tags = ["users"];

export async function userRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/roles",
    { schema: { tags, summary: "Roles and the permissions each grants", response: { 200: RolesCatalogue, ...errorResponses } } },
    async () => ({
      roles: ROLES.map((role) => ({ role, description: ROLE_DESCRIPTIONS[role], permissions: [...ROLE_PERMISSIONS[role]] })),
      permissions: [...PERMISSIONS],
    }),
  );

  app.get(
    "/api/users",
    {
      config: { permission: "users.read" },
      schema: {
        tags,
        summary: "List users",
        querystring: UserListQuery,
        response: { 200: z.object({ users: z.array(UserSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ users: await listUsers(db, request.query) }),
  );

  app.post(
    "/api/users",
    {
      config: { permission: "users.manage" },
      schema: { tags, summary: "Create a user", body: CreateUserBody, response: { 201: UserSchema, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await createUser(db, auditOf(request), request.body)),
  );

  app.get(
    "/api/users/:id",
    {
      config: { permission: "users.read" },
      schema: { tags, summary: "One user", params: IdParams, response: { 200: UserSchema, ...errorResponses } },
    },
    async (request) => {
      const user = await getUserView(db, request.params.id);
      if (!user) throw notFound("User", "user_not_found");
      return user;
    },
  );

  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags,
        summary: "Change a user's name, email, roles or status (disabling signs them out everywhere)",
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      authorizeUserUpdate(actorOf(request), request.params.id, request.body);
      return updateUser(db, auditOf(request), request.params.id, request.body);
    },
  );

  app.post(
    "/api/users/:id/password",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Set a new password for a user (ends their sessions)",
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await setPassword(db, auditOf(request), request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );
}
