import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { Services } from "../services.js";

export async function healthRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/health",
    {
      config: { auth: "public" },
      logLevel: "warn",
      schema: {
        tags: ["health"],
        summary: "200 when the server and its database answer",
        response: { 200: z.object({ status: z.literal("ok") }), 503: z.object({ status: z.literal("unavailable") }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(db);
        return { status: "ok" as const };
      } catch {
        return reply.code(503).send({ status: "unavailable" as const });
      }
    },
  );
}
