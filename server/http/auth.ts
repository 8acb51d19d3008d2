import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { type ActiveUser, loadActiveUser } from "../identity/activeUser.js";
import type { Actor } from "../identity/actor.js";
import { resolveApiToken } from "../identity/apiTokens.js";
import { requirementRefusal, resolvePermissions } from "../identity/permissionGates.js";
import type { Permission } from "../identity/roles.js";
import { resolveSession, type SessionSettings } from "../identity/sessions.js";
import { SESSION_COOKIE } from "./cookies.js";

const unauthenticated = () =>
  new AppError(401, "unauthenticated", "Sign in to continue.", {
    help: "POST /api/auth/login, or send an API token as `Authorization: Bearer <token>`.",
  });

async function actorFrom(db: Database, active: ActiveUser, via: Actor["via"]): Promise<Actor> {
  const { roles, ...user } = active;
  const { permissions, withheld } = await resolvePermissions(db, user.id, roles);
  return { user, roles, permissions, withheld, via };
}

async function authenticate(db: Database, settings: SessionSettings, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw new AppError(401, "invalid_authorization_header", "Use `Authorization: Bearer <token>`.");
    }
    const lookup = await resolveApiToken(db, token);
    if (lookup.status === "expired") throw new AppError(401, "token_expired", "This API token was revoked or has expired.");
    if (lookup.status !== "valid") throw new AppError(401, "invalid_token", "This API token is not valid.");
    const owner = await loadActiveUser(db, lookup.userId);
    if (!owner) throw new AppError(401, "invalid_token", "This API token's owner is disabled.");
    const actor = await actorFrom(db, owner, "token");
    const granted = new Set<Permission>(lookup.scopes);
    actor.permissions = new Set([...actor.permissions].filter((p) => granted.has(p)));
    actor.withheld = new Map([...(actor.withheld ?? [])].filter(([p]) => granted.has(p)));
    actor.tokenId = lookup.tokenId;
    request.actor = actor;
    request.authMethod = "token";
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const lookup = await resolveSession(db, settings, cookie);
  if (lookup.status === "valid") {
    const actor = await actorFrom(db, lookup.user, "session");
    actor.sessionId = lookup.sessionId;
    request.actor = actor;
    request.authMethod = "session";
    request.sessionCsrfHash = lookup.csrfHash;
    return;
  }
  // A stale cookie on a public route is harmless; on a protected one, say why.
  if (request.routeOptions.config.auth !== "public") {
    throw new AppError(401, "session_expired", "Your session has ended. Sign in again.");
  }
}

/** Resolves who is calling, then enforces the route's declared auth and permission. */
export function registerAuth(app: FastifyInstance, db: Database, settings: SessionSettings) {
  app.decorateRequest("actor", null);
  app.decorateRequest("authMethod", null);
  app.decorateRequest("sessionCsrfHash", null);
  app.addHook("onRequest", async (request) => {
    // The API docs page (a plugin's routes, which cannot carry our route config) is public.
    if (!request.url.startsWith("/api/") || request.url.startsWith("/api/docs")) return;
    await authenticate(db, settings, request);
    const config = request.routeOptions.config;
    if (config.auth === "public" || !request.routeOptions.url) return;
    if (!request.actor) throw unauthenticated();
    if (config.permission && !request.actor.permissions.has(config.permission)) {
      const missing = request.actor.withheld?.get(config.permission);
      if (missing) throw requirementRefusal(config.permission, missing);
      throw new AppError(403, "forbidden", "You do not have permission to do this.", { details: { permission: config.permission } });
    }
  });
}

/** For handlers of routes that require a user: the hook has already ensured one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
