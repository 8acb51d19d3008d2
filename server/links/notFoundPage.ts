import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";

const STYLE = [
  "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;background:#f6f7f9;color:#1d2330}",
  "main{max-width:32rem;margin:18vh auto 0;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}",
  "h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:.5rem 0;color:#4a5263}",
].join("");
// The app's security headers allow no inline styles; this page allows exactly its own, by hash.
const CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const page = (title: string, message: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><style>${STYLE}</style></head>
<body><main><h1>${title}</h1><p>${message}</p><p>If someone sent it to you, ask them for a new one.</p></main></body>
</html>
`;

const PAGES = {
  unknown: page("This link does not go anywhere", "There is no link with this address. It may have been mistyped or cut short."),
  expired: page("This link has expired", "The link was only meant to work for a while, and that time is over."),
  archived: page("This link is no longer active", "Whoever made this link has switched it off."),
};

export type MissingReason = keyof typeof PAGES;

/** A person followed a link that leads nowhere: a page for people, not JSON (the code is never echoed). */
export function sendLinkNotFound(reply: FastifyReply, reason: MissingReason) {
  return reply
    .code(404)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", CSP)
    .header("cache-control", "no-store")
    .send(PAGES[reason]);
}
