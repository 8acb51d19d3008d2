import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../../http/errorBody.js";
import type { Services } from "../../services.js";
import { resolveRange } from "../report.js";
import { analyticsDb } from "../tables.js";
import { practiceReport } from "./practiceReport.js";
import { PracticeQuery, PracticeReport } from "./schema.js";

/** Talk-to-listen, pitch ratio and response rate per channel per week (read-only: nothing to audit). */
export async function registerPracticeRoutes(app: FastifyInstance, services: Services) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/analytics/practice",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags: ["analytics"],
        summary: "Talk-to-listen and pitch ratios and the response rate to inbound conversations, per channel per week",
        querystring: PracticeQuery,
        response: { 200: PracticeReport, ...errorResponses },
      },
    },
    async (request) => {
      const { from, to } = resolveRange(request.query);
      return practiceReport(analyticsDb(services.db), { from, to }, request.query.accountId);
    },
  );
}
