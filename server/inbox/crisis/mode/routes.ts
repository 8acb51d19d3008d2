import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../../http/auth.js";
import { errorResponses } from "../../../http/errorBody.js";
import { auditOf } from "../../../http/requestContext.js";
import { Id, IdParams } from "../../../identity/schema.js";
import type { Services } from "../../../services.js";
import { alertRoutes } from "../alertRoutes.js";
import { AlertSummary, alertSummaries } from "../alertSummary.js";
import { webhookRoutes } from "../webhooks/routes.js";
import { endCrisisMode, startCrisisMode } from "./crisisMode.js";

const tags = ["inbox"];
/** Resolved alerts shown beside the open ones. */
const RECENT_RESOLVED = 10;

const CrisisView = z.object({
  active: z
    .object({
      id: z.string(),
      reason: z.string(),
      startedAt: z.string(),
      startedBy: z.string().nullable(),
      pauseId: z.string().nullable(),
      alertId: z.string().nullable(),
    })
    .nullable(),
  alerts: z.array(AlertSummary).describe("Every open alert, newest first, then the latest resolved ones"),
});

const StartCrisis = z.strictObject({
  reason: z.string().max(500).describe("What is happening, for the banner and the audit log"),
  alertId: Id.optional().describe("The alert that prompted it"),
});

/** Crisis mode, the detector's alerts and the webhooks they go to (issue 6, item 5). */
export async function crisisRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;

  const view = async (): Promise<z.infer<typeof CrisisView>> => {
    const active = await db
      .selectFrom("inbox_crisis_modes")
      .leftJoin("users", "users.id", "inbox_crisis_modes.started_by")
      .select(["inbox_crisis_modes.id", "reason", "started_at", "users.name", "pause_id", "alert_id"])
      .where("ended_at", "is", null)
      .executeTakeFirst();
    const open = await db
      .selectFrom("inbox_crisis_alerts")
      .selectAll()
      .where("resolved_at", "is", null)
      .orderBy("raised_at", "desc")
      .limit(100)
      .execute();
    const resolved = await db
      .selectFrom("inbox_crisis_alerts")
      .selectAll()
      .where("resolved_at", "is not", null)
      .orderBy("raised_at", "desc")
      .limit(RECENT_RESOLVED)
      .execute();
    return {
      active: active
        ? {
            id: active.id,
            reason: active.reason,
            startedAt: active.started_at,
            startedBy: active.name ?? null,
            pauseId: active.pause_id,
            alertId: active.alert_id,
          }
        : null,
      alerts: await alertSummaries(db, [...open, ...resolved]),
    };
  };

  app.get(
    "/api/inbox/crisis",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "Crisis mode (if on) and the spike alerts: every open one, then the latest resolved",
        response: { 200: CrisisView, ...errorResponses },
      },
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

  await alertRoutes(base, services);
  await webhookRoutes(base, services);
}
