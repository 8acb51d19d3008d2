import type { Actor } from "../identity/actor.js";
import type { Permission } from "../identity/roles.js";

/**
 * Each route declares who may call it in its `config`, the way Outline routes
 * declare their middleware chain: `auth: "public"` for anonymous routes,
 * otherwise a signed-in user and optionally one permission.
 */
export interface RouteAuth {
  auth?: "public" | "user";
  permission?: Permission;
  /** Anonymous state-changing routes (login, setup) still need the CSRF cookie. */
  csrf?: "required" | "skip";
}

declare module "fastify" {
  interface FastifyContextConfig extends RouteAuth {}
  interface FastifyRequest {
    actor: Actor | null;
    /** How the request authenticated, for CSRF decisions. */
    authMethod: "session" | "token" | null;
    /** The CSRF hash of the session the request came with. */
    sessionCsrfHash: string | null;
  }
}
