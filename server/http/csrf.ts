import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.js";
import { safeEqual, sha256 } from "../identity/secrets.js";
import { CSRF_COOKIE, CSRF_HEADER } from "./cookies.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every state-changing request made with cookies must echo the CSRF cookie in
 * the `x-csrf-token` header (double submit); with a session, the value must
 * also be that session's own token. Requests authenticated by an API token
 * carry no ambient credentials, so they need no CSRF token.
 */
export function registerCsrf(app: FastifyInstance) {
  app.addHook("onRequest", async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith("/api/")) return;
    if (request.authMethod === "token") return;
    if (request.routeOptions.config.csrf === "skip") return;
    const header = request.headers[CSRF_HEADER];
    const cookie = request.cookies[CSRF_COOKIE];
    if (typeof header !== "string" || !header || !cookie) {
      throw new AppError(403, "csrf_missing", "This request is missing its CSRF token.", {
        help: "GET /api/auth/csrf, then send the sb_csrf cookie's value in the x-csrf-token header.",
      });
    }
    if (!safeEqual(header, cookie) || (request.sessionCsrfHash && !safeEqual(sha256(header), request.sessionCsrfHash))) {
      throw new AppError(403, "csrf_invalid", "This request's CSRF token does not match. Reload the page.");
    }
  });
}
