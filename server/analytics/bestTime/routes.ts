import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../../http/errorBody.js";
import type { Services } from "../../services.js";
import { metricsDb } from "../metrics/tables.js";
import { bestTimesFor } from "./bestTimes.js";
import { BestTimes, BestTimesQuery } from "./schema.js";

/** Best time to post per channel (read-only: nothing to audit). */
export async function registerBestTimeRoutes(app: FastifyInstance, services: Services) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/analytics/best-times",
    {
      config: { permission: "posts.read" },
      schema: {
        tags: ["analytics"],
        summary: "Best hours of the week to post on a channel, from its last 16 weeks of engagement (or its network's, as a fallback)",
        querystring: BestTimesQuery,
        response: { 200: BestTimes, ...errorResponses },
      },
    },
    async (request) => bestTimesFor(metricsDb(services.db), request.query.accountId),
  );
}
