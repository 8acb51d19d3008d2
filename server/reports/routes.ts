import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import type { Services } from "../services.js";
import { advocacyReport } from "./advocacyShares.js";
import { attestationReport } from "./attestationCoverage.js";
import { reportCsv } from "./csv.js";
import { deflectionReport } from "./deflection.js";
import type { ReportDefinition } from "./model.js";
import { parseRange, RangeQuery } from "./range.js";
import { requestsReport } from "./requestsByType.js";
import { ReportListView, ReportView } from "./schema.js";
import { slaReport } from "./slaAttainment.js";
import { trainingReport } from "./trainingCompletion.js";

const tags = ["reports"];

/** In the order the reports page shows them. */
export const REPORTS: readonly ReportDefinition[] = [
  requestsReport,
  slaReport,
  deflectionReport,
  trainingReport,
  attestationReport,
  advocacyReport,
];

/** Help desk and people reports for leads and admins: each as JSON and as CSV, each behind its area's manage permission. */
export async function reportRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;

  app.get(
    "/api/reports",
    {
      config: { auth: "user" },
      schema: { tags, summary: "The reports you may open", response: { 200: ReportListView, ...errorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        reports: REPORTS.filter((r) => actor.permissions.has(r.permission)).map((r) => ({
          name: r.name,
          title: r.title,
          ranged: r.ranged,
        })),
      };
    },
  );

  for (const report of REPORTS) {
    const run = async (query: Parameters<typeof parseRange>[0]) => {
      const now = Date.now();
      const range = parseRange(query, now);
      const table = await report.build(db, range, now);
      return { range, table, now };
    };
    app.get(
      `/api/reports/${report.name}`,
      {
        config: { permission: report.permission },
        schema: { tags, summary: report.title, querystring: RangeQuery, response: { 200: ReportView, ...errorResponses } },
      },
      async (request) => {
        const { range, table, now } = await run(request.query);
        return {
          name: report.name,
          title: report.title,
          ranged: report.ranged,
          range: report.ranged ? { from: range.fromDay, to: range.toDay } : null,
          generatedAt: new Date(now).toISOString(),
          ...table,
        };
      },
    );
    app.get(
      `/api/reports/${report.name}.csv`,
      {
        config: { permission: report.permission },
        schema: { tags, summary: `${report.title}, as CSV`, querystring: RangeQuery, produces: ["text/csv"] },
      },
      async (request, reply) => {
        const { range, table } = await run(request.query);
        const suffix = report.ranged ? `-${range.fromDay}-to-${range.toDay}` : `-${new Date().toISOString().slice(0, 10)}`;
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${report.name}${suffix}.csv"`)
          .send(reportCsv(table));
      },
    );
  }
}
