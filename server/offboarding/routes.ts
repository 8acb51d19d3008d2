import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../errors.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { markChecklistItem } from "./markChecklistItem.js";
import { offboardUser } from "./offboardUser.js";
import { getOffboarding, listOffboardings } from "./store.js";

const tags = ["offboarding"];

const OffboardingSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    userEmail: z.string(),
    reassignedTo: z.string().nullable(),
    performedBy: z.string().nullable(),
    summary: z.array(z.string()),
    checklist: z.array(
      z.object({
        area: z.string(),
        title: z.string(),
        detail: z.string(),
        accountId: z.string().optional(),
        done: z.boolean(),
        doneBy: z.string().optional(),
        doneAt: z.string().optional(),
      }),
    ),
    createdAt: z.string(),
  })
  .meta({ id: "Offboarding" });

export async function offboardingRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/users/:id/offboard",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Offboard a person: sign out, revoke tokens and grants, reassign what they own, list what to remove on the networks",
        params: IdParams,
        body: z.strictObject({ reassignToId: z.string().min(1).max(64).nullable() }),
        response: { 201: OffboardingSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await offboardUser(db, auditOf(request), request.params.id, request.body.reassignToId)),
  );

  app.get(
    "/api/offboardings",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Offboardings, newest first",
        querystring: z.strictObject({ userId: z.string().max(64).optional() }),
        response: { 200: z.object({ offboardings: z.array(OffboardingSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ offboardings: await listOffboardings(db, request.query.userId) }),
  );

  app.get(
    "/api/offboardings/:id",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "One offboarding with its checklist",
        params: IdParams,
        response: { 200: OffboardingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const view = await getOffboarding(db, request.params.id);
      if (!view) throw notFound("Offboarding", "offboarding_not_found");
      return view;
    },
  );

  app.patch(
    "/api/offboardings/:id/checklist/:index",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Tick off a checklist item done on the network",
        params: z.strictObject({ id: z.string().min(1).max(64), index: z.coerce.number().int().min(0).max(10_000) }),
        body: z.strictObject({ done: z.boolean() }),
        response: { 200: OffboardingSchema, ...errorResponses },
      },
    },
    async (request) => markChecklistItem(db, auditOf(request), request.params.id, request.params.index, request.body.done),
  );
}
