import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { loadAlert, messagesBehind, seriesAround } from "./alertDetail.js";
import { AlertSummary, alertSummaries } from "./alertSummary.js";
import { acknowledgeAlert, resolveAlert } from "./workAlert.js";

const tags = ["inbox"];

const AlertDetail = z.object({
  alert: AlertSummary,
  series: z
    .array(z.object({ hour: z.string(), negative: z.number(), total: z.number(), baseline: z.number().nullable() }))
    .describe("Hourly counts from two days before the spike, with the median of the same hour over the week before"),
  messages: z
    .array(
      z.object({
        id: z.string(),
        conversationId: z.string(),
        author: z.string().nullable(),
        text: z.string().describe("At most 500 characters"),
        truncated: z.boolean(),
        url: z.string().nullable(),
        sentAt: z.string(),
      }),
    )
    .describe("The negative messages behind the spike, newest first"),
});

/** One alert with its chart and messages; acknowledging and resolving it. */
export async function alertRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const detail = async (id: string): Promise<z.infer<typeof AlertDetail>> => {
    const { row } = await loadAlert(db, id);
    const [alert] = await alertSummaries(db, [row]);
    return {
      alert: alert as z.infer<typeof AlertSummary>,
      series: await seriesAround(db, row),
      messages: await messagesBehind(db, JSON.parse(row.message_ids) as string[]),
    };
  };

  app.get(
    "/api/inbox/crisis/alerts/:id",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "A spike alert: its figures, the series around it, the messages behind it",
        params: IdParams,
        response: { 200: AlertDetail, ...errorResponses },
      },
    },
    async (request) => detail(request.params.id),
  );

  app.post(
    "/api/inbox/crisis/alerts/:id/acknowledge",
    {
      config: { permission: "inbox.work" },
      schema: { tags, summary: "Say you are on it", params: IdParams, response: { 200: AlertDetail, ...errorResponses } },
    },
    async (request) => {
      await acknowledgeAlert(db, auditOf(request), request.params.id);
      return detail(request.params.id);
    },
  );

  app.post(
    "/api/inbox/crisis/alerts/:id/resolve",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "Close the alert, saying what was done",
        params: IdParams,
        body: z.strictObject({ note: z.string().max(2000).default("") }),
        response: { 200: AlertDetail, ...errorResponses },
      },
    },
    async (request) => {
      await resolveAlert(db, auditOf(request), request.params.id, request.body.note);
      return detail(request.params.id);
    },
  );
}
