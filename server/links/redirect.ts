import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FastPath } from "../http/fastPaths.js";
import { dropDocumentOnlyHeaders } from "../http/security.js";
import { isBotUserAgent } from "./bots.js";
import type { CachedLink } from "./linkCache.js";
import { sendLinkNotFound } from "./notFoundPage.js";
import type { LinkRuntime } from "./runtime.js";
import { clickId, dayOf, hourStart, visitorHash } from "./visitor.js";

// Any text: a code that is not one of ours gets the friendly page, not a JSON validation error.
const Params = z.object({ code: z.string() });

const usable = (link: CachedLink, now: number) => !link.archived && (link.expiresAtMs === null || link.expiresAtMs > now);

/** Records the click and gives the destination with its click id (the day's salt already known). */
function countClick(
  runtime: LinkRuntime,
  link: CachedLink,
  salt: Buffer,
  ip: string,
  userAgent: string,
  organisation: string,
  now: number,
) {
  const visitor = visitorHash(salt, ip, userAgent, organisation);
  const hour = hourStart(now);
  const id = clickId(visitor, link.id, hour);
  runtime.recorder.record(id, link, visitor, now);
  return link.prefix + id + link.suffix;
}

/**
 * GET /l/:code, the public redirector. The hot path touches no database: the link comes from memory
 * (loaded once), the visitor is hashed with the day's salt from memory, and the click goes into a buffer
 * written in batches after the answer. Bots and HEAD requests are sent on without a click id and not counted.
 *
 * Two doors, one behaviour: a fast path answers a GET for a link and salt already in memory from a person's
 * browser before Fastify routes the request (server/http/fastPaths.ts); everything else (first sight of a
 * link or a day, unknown/archived/expired codes, bots, HEAD, odd URLs) goes to the Fastify route below.
 */
export function registerRedirect(base: FastifyInstance, runtime: LinkRuntime, organisation: string, trustProxy: boolean) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { cache, salts } = runtime;
  app.get(
    "/l/:code",
    {
      config: { auth: "public" },
      schema: {
        tags: ["links"],
        summary: "Follow a tracked short link: 302 to its destination (with `sb_click=<click id>`), or a 404 page",
        params: Params,
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const now = Date.now();
      let link = cache.get(code, now);
      if (link === undefined) link = await cache.load(code);
      if (!link) return sendLinkNotFound(reply, "unknown");
      if (link.archived) return sendLinkNotFound(reply, "archived");
      if (!usable(link, now)) return sendLinkNotFound(reply, "expired");
      reply.header("cache-control", "no-store");
      dropDocumentOnlyHeaders(reply);
      const userAgent = request.headers["user-agent"];
      if (request.method === "HEAD" || userAgent === undefined || isBotUserAgent(userAgent)) {
        return reply.redirect(link.target, 302);
      }
      const day = dayOf(now);
      const salt = salts.get(day) ?? (await salts.load(day));
      return reply.redirect(countClick(runtime, link, salt, request.ip, userAgent, organisation, now), 302);
    },
  );
  base.fastPaths.add(fastRedirect(runtime, organisation, trustProxy));
}

const CODE = /^\/l\/([A-Za-z0-9_-]{1,64})$/;

function fastRedirect(runtime: LinkRuntime, organisation: string, trustProxy: boolean): FastPath {
  const { cache, salts } = runtime;
  return (request, response, answer) => {
    if (request.method !== "GET") return false;
    const url = request.url;
    if (url === undefined || !url.startsWith("/l/")) return false;
    const code = CODE.exec(url)?.[1];
    if (code === undefined) return false;
    const now = Date.now();
    const link = cache.get(code, now);
    if (!link || !usable(link, now)) return false;
    const userAgent = request.headers["user-agent"];
    if (userAgent === undefined || isBotUserAgent(userAgent)) return false;
    const salt = salts.at(now);
    if (salt === undefined) return false;
    const location = countClick(runtime, link, salt, clientIp(request, trustProxy), userAgent, organisation, now);
    answer(response, request, 302, ["location", location, "cache-control", "no-store"]);
    return true;
  };
}

/** The visitor's address as Fastify's `request.ip` gives it: with a trusted proxy, the left-most X-Forwarded-For. */
function clientIp(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers["x-forwarded-for"];
    if (typeof forwarded === "string" && forwarded.length > 0) {
      const comma = forwarded.indexOf(",");
      const first = (comma < 0 ? forwarded : forwarded.slice(0, comma)).trim();
      if (first.length > 0) return first;
    }
  }
  return request.socket.remoteAddress ?? "";
}
