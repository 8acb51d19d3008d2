import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/record.js";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { CSRF_COOKIE, clearSessionCookies, setCsrfCookie, setSessionCookies } from "../../http/cookies.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf, clientMeta } from "../../http/requestContext.js";
import type { Services } from "../../services.js";
import { login } from "../login.js";
import { resolvePermissions } from "../permissionGates.js";
import { permissionsForRoles } from "../roles.js";
import { ChangePasswordBody, CsrfResponse, LoginBody, MeSchema, SetupBody, SetupStatus } from "../schema.js";
import { randomToken, sha256 } from "../secrets.js";
import { createSession, revokeSession } from "../sessions.js";
import { changeOwnPassword } from "../setPassword.js";
import { completeSetup, isSetupNeeded } from "../setup.js";
import { getUserView, teamsOfUser } from "../store.js";

const tags = ["auth"];

export async function authRoutes(base: FastifyInstance, { db, config }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const sessionSettings = { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
  const secure = config.secureCookies;

  app.get(
    "/api/auth/csrf",
    {
      config: { auth: "public" },
      schema: { tags, summary: "Get a CSRF token (also set as the sb_csrf cookie)", response: { 200: CsrfResponse } },
    },
    async (request, reply) => {
      const token = randomToken();
      // With a session, rotate that session's token; without, a fresh double-submit token.
      if (request.actor?.sessionId) {
        await db
          .updateTable("sessions")
          .set({ csrf_hash: sha256(token) })
          .where("id", "=", request.actor.sessionId)
          .execute();
      } else if (request.cookies[CSRF_COOKIE]) {
        return { csrfToken: request.cookies[CSRF_COOKIE] };
      }
      setCsrfCookie(reply, secure, token);
      return { csrfToken: token };
    },
  );

  app.post(
    "/api/auth/login",
    {
      config: { auth: "public" },
      schema: { tags, summary: "Sign in with email and password", body: LoginBody, response: { 200: MeSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const { session, userId } = await login(db, sessionSettings, request.body, clientMeta(request));
      setSessionCookies(reply, secure, session);
      const user = await getUserView(db, userId);
      if (!user) throw notFound("User", "user_not_found");
      // As every later request will see them: with unmet training or policy requirements taken away.
      const { permissions } = await resolvePermissions(db, user.id, user.roles);
      return { user, permissions: [...permissions].sort(), authMethod: "session" as const };
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags, summary: "Sign out of this session", response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.sessionId) {
        const sessionId = actor.sessionId;
        await db.transaction().execute(async (trx) => {
          await revokeSession(trx, sessionId);
          await recordAudit(trx, auditOf(request), {
            action: "auth.logout",
            targetType: "user",
            targetId: actor.user.id,
            summary: `${actor.user.email} signed out`,
          });
        });
      }
      clearSessionCookies(reply, secure);
      // The old session's CSRF token dies with it; hand out a fresh anonymous one.
      setCsrfCookie(reply, secure, randomToken());
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/me",
    { schema: { tags, summary: "The signed-in user", response: { 200: MeSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      const user = { ...actor.user, roles: actor.roles, teams: await teamsOfUser(db, actor.user.id), disabled: false };
      return { user, permissions: [...actor.permissions].sort(), authMethod: actor.via };
    },
  );

  app.post(
    "/api/me/password",
    { schema: { tags, summary: "Change your own password", body: ChangePasswordBody, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await changeOwnPassword(db, auditOf(request), actor.user.id, actor.sessionId, request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/setup",
    { config: { auth: "public" }, schema: { tags, summary: "Whether first-run setup is still needed", response: { 200: SetupStatus } } },
    async () => ({ needed: await isSetupNeeded(db) }),
  );

  app.post(
    "/api/setup",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "Create the first admin with the one-time setup token (signs them in)",
        body: SetupBody,
        response: { 201: MeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await completeSetup(db, auditOf(request), request.body);
      const session = await createSession(db, sessionSettings, user.id, clientMeta(request));
      setSessionCookies(reply, secure, session);
      return reply.code(201).send({ user, permissions: [...permissionsForRoles(user.roles)].sort(), authMethod: "session" as const });
    },
  );
}
