import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../http/errorBody.js";
import type { Services } from "../services.js";
import { isNotModified } from "./conditional.js";
import { CONTENT_TYPES, type FeedFormat, renderFeed } from "./serveFeed.js";

/** Feed readers poll; five minutes keeps them close to what was published without asking every second. */
const CACHE_CONTROL = "public, max-age=300";

/** The public feeds of RSS accounts Switchboard hosts: anyone may read them, and any site may embed them. */
export async function feedRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  for (const format of ["rss", "atom"] as const satisfies FeedFormat[]) {
    app.get(
      `/feeds/:slug.${format}`,
      {
        config: { auth: "public" },
        schema: {
          tags: ["feeds"],
          summary: `An account's hosted feed as ${format === "rss" ? "RSS 2.0" : "Atom 1.0"} (${CONTENT_TYPES[format]}), newest 50 items`,
          params: z.strictObject({ slug: z.string().min(1).max(200).describe("The RSS account's handle") }),
          response: {
            200: z.string().describe("The feed's XML"),
            304: z.null().describe("Not modified since the ETag or date the reader sent"),
            400: ErrorBody,
            404: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const feed = await renderFeed(services, request.params.slug, format);
        reply
          .header("etag", feed.etag)
          .header("last-modified", feed.lastModified.toUTCString())
          .header("cache-control", CACHE_CONTROL)
          .header("access-control-allow-origin", "*")
          .header("cross-origin-resource-policy", "cross-origin");
        if (isNotModified(request.headers, feed.etag, feed.lastModified)) return reply.code(304).send(null);
        return reply.type(CONTENT_TYPES[format]).send(feed.body);
      },
    );
  }
}
