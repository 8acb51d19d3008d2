import type { FastifyReply } from "fastify";

export const SESSION_COOKIE = "sb_session";
export const CSRF_COOKIE = "sb_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function setSessionCookies(reply: FastifyReply, secure: boolean, session: { token: string; csrfToken: string }) {
  reply.setCookie(SESSION_COOKIE, session.token, { path: "/", httpOnly: true, sameSite: "lax", secure });
  setCsrfCookie(reply, secure, session.csrfToken);
}

/** Readable by the page's script on purpose: it echoes it in a header (double submit). */
export function setCsrfCookie(reply: FastifyReply, secure: boolean, token: string) {
  reply.setCookie(CSRF_COOKIE, token, { path: "/", httpOnly: false, sameSite: "strict", secure });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure });
}
