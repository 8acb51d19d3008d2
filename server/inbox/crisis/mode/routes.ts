import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../../http/auth.js";
import { errorResponses } from "../../../http/errorBody.js";
import { auditOf } from "../../../http/requestContext.js";
import { Id, IdParams } from "../../../identity/schema.js";
import type { Services } from "../../../services.js";
import { endCrisisMode, startCrisisMode } from "./crisisMode.js";

const tags = ["inbox"];

const CrisisView = z.object({
  active: z
    .object({ id: z.string(), reason: z.string(), startedAt: z.string(), startedBy: z.string().nullable(), pauseId: z.string().nullable() })
    .nullable(),
  alerts: z.array(
    z.object({
      id: z.string(),
      series: z.string(),
      channel: z.object({ id: z.string(), handle: z.string(), network: z.string() }).nullable(),
      severity: z.string(),
      raisedAt: z.string(),
      spikeStart: z.string(),
      negative: z.number(),
      total: z.number(),
      negativeShare: z.number(),
      baselineNegative: z.number(),
      ratio: z.number(),
      messageCount: z.number(),
    }),
  ),
});

const StartCrisis = z.strictObject({
  reason: z.string().max(500).describe("What is happening, for the banner and the audit log"),
  alertId: Id.optional().describe("The alert that prompted it"),
});

/** Crisis mode and the detector's alerts (issue 6, item 5). */
export async function crisisRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;

  const view = async (): Promise<z.infer<typeof CrisisView>> => {
    const active = await db
      .selectFrom("inbox_crisis_modes")
      .leftJoin("users", "users.id", "inbox_crisis_modes.started_by")
      .select(["inbox_crisis_modes.id", "reason", "started_at", "users.name", "pause_id"])
      .where("ended_at", "is", null)
      .executeTakeFirst();
    const alerts = await db.selectFrom("inbox_crisis_alerts").selectAll().orderBy("raised_at", "desc").limit(20).execute();
    const accounts = await db.selectFrom("accounts").select(["id", "handle", "network"]).execute();
    return {
      active: active
        ? { id: active.id, reason: active.reason, startedAt: active.started_at, startedBy: active.name ?? null, pauseId: active.pause_id }
        : null,
      alerts: alerts.map((a) => {
        const figures = JSON.parse(a.figures) as {
          window: { negative: number; total: number; negativeShare: number };
          baseline: { negative: number };
          ratio: number;
        };
        const account = accounts.find((x) => a.series === `channel:${x.id}`);
        return {
          id: a.id,
          series: a.series,
          channel: account ?? null,
          severity: a.severity,
          raisedAt: a.raised_at,
          spikeStart: a.spike_start,
          negative: figures.window.negative,
          total: figures.window.total,
          negativeShare: figures.window.negativeShare,
          baselineNegative: figures.baseline.negative,
          ratio: figures.ratio,
          messageCount: (JSON.parse(a.message_ids) as string[]).length,
        };
      }),
    };
  };

  app.get(
    "/api/inbox/crisis",
    {
      config: { permission: "inbox.read" },
      schema: { tags, summary: "Crisis mode (if on) and the latest spike alerts", response: { 200: CrisisView, ...errorResponses } },
    },
    view,
  );

  app.post(
    "/api/inbox/crisis",
    {
      config: { permission: "publishing.pause" },
      schema: {
        tags,
        summary: "Turn crisis mode on: publishing paused, negative conversations urgent, campaign-risk checks on alert",
        body: StartCrisis,
        response: { 201: CrisisView, ...errorResponses },
      },
    },
    async (request, reply) => {
      await startCrisisMode(db, actorOf(request), auditOf(request), request.body);
      return reply.code(201).send(await view());
    },
  );

  app.post(
    "/api/inbox/crisis/:id/end",
    {
      config: { permission: "publishing.pause" },
      schema: {
        tags,
        summary: "Turn crisis mode off (the pause it made is resumed)",
        params: IdParams,
        response: { 200: CrisisView, ...errorResponses },
      },
    },
    async (request) => {
      await endCrisisMode(db, actorOf(request), auditOf(request), request.params.id);
      return view();
    },
  );
}
