import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import type { Services } from "../services.js";
import { inventoryToCsv } from "./csv.js";
import { importInventoryCsv } from "./importCsv.js";
import { presentAccountDetail } from "./presentDetail.js";
import { listAccounts } from "./store.js";

const tags = ["accounts"];

const ImportBody = z.strictObject({ csv: z.string().min(1).max(900_000).describe("The file's text, header row first") });
const ImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  failed: z.number(),
  ignoredColumns: z.array(z.string()),
  rows: z.array(
    z.object({
      line: z.number(),
      handle: z.string(),
      status: z.enum(["created", "updated", "unchanged", "failed"]),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
});

export async function accountCsvRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/accounts/import",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Import accounts from CSV; bad rows are reported, good rows imported",
        body: ImportBody,
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => {
      const { results, ignoredColumns } = await importInventoryCsv(db, auditOf(request), request.body.csv);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        created: count("created"),
        updated: count("updated"),
        unchanged: count("unchanged"),
        failed: count("failed"),
        ignoredColumns,
        rows: results,
      };
    },
  );

  app.get(
    "/api/accounts/export",
    {
      config: { permission: "accounts.manage" },
      schema: { tags, summary: "The whole inventory as CSV (never any credentials)", produces: ["text/csv"] },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const summaries = await listAccounts(db);
      const details = await Promise.all(summaries.map((a) => presentAccountDetail(db, actor, a.id)));
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="switchboard-accounts-${date}.csv"`)
        .send(inventoryToCsv(details));
    },
  );
}
