import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { errorResponses } from "../../http/errorBody.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { listPolicies, SLA_METRICS } from "./policies.js";
import { slaDetail } from "./present.js";

const tags = ["inbox"];

const Clock = z.object({
  metric: z.enum(SLA_METRICS),
  cycle: z.number(),
  status: z.enum(["running", "warning", "breached", "paused", "met", "missed"]),
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  elapsedMinutes: z.number().describe("Business time used"),
  remainingMinutes: z.number().describe("Business time left; negative once breached"),
});

/** Conversation SLAs (docs/inbox.md, "SLA"). */
export async function inboxSlaRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;

  app.get(
    "/api/inbox/sla-policies",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "The SLA policies routing rules and teams may name (kept with the help desk's)",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                calendarId: z.string(),
                firstResponseMinutes: z.number(),
                nextResponseMinutes: z.number(),
                resolutionMinutes: z.number(),
                warnBeforeMinutes: z.number(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ items: await listPolicies(db) }),
  );

  app.get(
    "/api/inbox/conversations/:id/sla",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "A conversation's SLA policy and every run of its clocks, newest first",
        params: IdParams,
        response: {
          200: z.object({ policy: z.object({ id: z.string(), name: z.string() }).nullable(), clocks: z.array(Clock) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const detail = await slaDetail(db, request.params.id);
      if (!detail) throw notFound("Conversation", "conversation_not_found");
      return detail;
    },
  );
}
