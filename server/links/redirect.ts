import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isBotUserAgent } from "./bots.js";
import { sendLinkNotFound } from "./notFoundPage.js";
import type { LinkRuntime } from "./runtime.js";
import { clickId, dayOf, hourStart, visitorHash } from "./visitor.js";

// Any text: a code that is not one of ours gets the friendly page, not a JSON validation error.
const Params = z.object({ code: z.string() });

/**
 * GET /l/:code, the public redirector. The hot path touches no database: the link comes from memory
 * (loaded once), the visitor is hashed with the day's salt from memory, and the click goes into a buffer
 * written in batches after the answer. Bots and HEAD requests are sent on without a click id and not counted.
 */
export function registerRedirect(base: FastifyInstance, runtime: LinkRuntime, organisation: string) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { cache, salts, recorder } = runtime;
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
      if (link.expiresAtMs !== null && link.expiresAtMs <= now) return sendLinkNotFound(reply, "expired");
      reply.header("cache-control", "no-store");
      const userAgent = request.headers["user-agent"];
      if (request.method === "HEAD" || userAgent === undefined || isBotUserAgent(userAgent)) {
        return reply.redirect(link.target, 302);
      }
      const day = dayOf(now);
      const salt = salts.get(day) ?? (await salts.load(day));
      const visitor = visitorHash(salt, request.ip, userAgent, organisation);
      const hour = hourStart(now);
      const id = clickId(visitor, link.id, hour);
      recorder.record(id, link, visitor, now, hour);
      return reply.redirect(link.prefix + id + link.suffix, 302);
    },
  );
}
