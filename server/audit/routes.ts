import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../http/errorBody.js";
import type { Services } from "../services.js";
import { listAuditActions, listAuditEvents } from "./store.js";
import { verifyAuditLog } from "./verify.js";

const tags = ["audit"];

const IsoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

const AuditQuery = z.strictObject({
  action: z.string().max(100).optional(),
  actorId: z.string().max(64).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  from: IsoDate.optional().describe("Inclusive; a timestamp, or a date meaning the start of that UTC day"),
  to: IsoDate.optional().describe("A timestamp (exclusive), or a date meaning through the end of that UTC day"),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const AuditEvent = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    summary: z.string(),
    changes: z.unknown(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });

const DAY_MS = 86_400_000;
const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const toIso = (value: string | undefined) => (value === undefined ? undefined : new Date(value).toISOString());
/** `to` is exclusive for timestamps; a bare date means "through the end of that (UTC) day". */
const toEndIso = (value: string | undefined) =>
  value === undefined ? undefined : new Date(Date.parse(value) + (isDateOnly(value) ? DAY_MS : 0)).toISOString();

export async function auditRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        tags,
        summary: "Browse the audit log, newest first",
        querystring: AuditQuery,
        response: { 200: z.object({ events: z.array(AuditEvent), nextBefore: z.number().nullable() }), ...errorResponses },
      },
    },
    async (request) => listAuditEvents(db, { ...request.query, from: toIso(request.query.from), to: toEndIso(request.query.to) }),
  );

  app.get(
    "/api/audit/actions",
    {
      config: { permission: "audit.read" },
      schema: {
        tags,
        summary: "Every action name in the log",
        response: { 200: z.object({ actions: z.array(z.string()) }), ...errorResponses },
      },
    },
    async () => ({ actions: await listAuditActions(db) }),
  );

  app.get(
    "/api/audit/verify",
    {
      config: { permission: "audit.read" },
      schema: {
        tags,
        summary: "Check the hash chain of the whole log",
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number(), firstBad: z.object({ seq: z.number(), reason: z.string() }).optional() }),
          ...errorResponses,
        },
      },
    },
    async () => verifyAuditLog(db),
  );
}
