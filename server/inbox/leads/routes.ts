import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { leadsCsv } from "./csv.js";
import { markLead, resendLead, unmarkLead } from "./markLead.js";
import { DELIVERY_STATUSES, findLead, listLeads } from "./store.js";
import { deleteLeadWebhook, leadWebhookView, saveLeadWebhook } from "./webhookSettings.js";

const tags = ["inbox"];

const LeadBody = z
  .strictObject({
    name: z.string().trim().max(200),
    company: z.string().trim().max(200),
    email: z.union([z.literal(""), z.email().max(320)]),
    note: z.string().trim().max(5000),
  })
  .refine((l) => l.name || l.company || l.email, { message: "Give at least a name, a company or an email address", path: ["name"] });

const LeadView = z
  .object({
    conversationId: z.string(),
    subject: z.string(),
    channel: z.object({ network: z.string(), handle: z.string().nullable() }),
    contact: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    name: z.string(),
    company: z.string(),
    email: z.string(),
    note: z.string(),
    markedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    markedAt: z.string(),
    updatedAt: z.string(),
    delivery: z.object({
      status: z.enum(DELIVERY_STATUSES),
      attempts: z.number(),
      lastError: z.string().nullable(),
      sentAt: z.string().nullable(),
    }),
  })
  .meta({ id: "InboxLead" });

const Range = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

const WebhookView = z.object({
  url: z.string().nullable(),
  enabled: z.boolean(),
  hasSecret: z.boolean().describe("The secret itself is never shown"),
});

/** Conversations marked as sales leads, the sales webhook, the CSV export (docs/inbox.md, "Leads"). */
export async function leadRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const lead = async (id: string) => {
    const found = await findLead(db, id);
    if (!found) throw notFound("Lead", "lead_not_found");
    return found;
  };
  const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

  app.get(
    "/api/inbox/conversations/:id/lead",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "The conversation's lead, if it is one",
        params: IdParams,
        response: { 200: z.object({ lead: LeadView.nullable() }), ...errorResponses },
      },
    },
    async (request) => ({ lead: (await findLead(db, request.params.id)) ?? null }),
  );

  app.put(
    "/api/inbox/conversations/:id/lead",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "Mark a conversation as a lead (or change its fields); a new lead goes to the sales webhook when it is on",
        params: IdParams,
        body: LeadBody,
        response: { 200: LeadView, 201: LeadView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await markLead(db, services.jobs, auditOf(request), actorOf(request).user.id, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(await lead(request.params.id));
    },
  );

  app.delete(
    "/api/inbox/conversations/:id/lead",
    {
      config: { permission: "inbox.work" },
      schema: { tags, summary: "Not a lead after all", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await unmarkLead(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/inbox/conversations/:id/lead/send",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "Send the lead to the sales webhook again",
        params: IdParams,
        response: { 202: LeadView, ...errorResponses },
      },
    },
    async (request, reply) => {
      await resendLead(db, services.jobs, auditOf(request), request.params.id);
      return reply.code(202).send(await lead(request.params.id));
    },
  );

  app.get(
    "/api/inbox/leads",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "Leads, newest first",
        querystring: Range,
        response: { 200: z.object({ items: z.array(LeadView) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listLeads(db, { from: iso(request.query.from), to: iso(request.query.to), limit: request.query.limit }),
    }),
  );

  app.get(
    "/api/inbox/leads.csv",
    {
      config: { permission: "inbox.manage" },
      schema: { tags, summary: "Leads as CSV for sales, newest first", querystring: Range, produces: ["text/csv"] },
    },
    async (request, reply) => {
      const leads = await listLeads(db, { from: iso(request.query.from), to: iso(request.query.to), limit: request.query.limit });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(leadsCsv(leads));
    },
  );

  app.get(
    "/api/inbox/settings/lead-webhook",
    {
      config: { permission: "inbox.manage" },
      schema: { tags, summary: "Where leads go (the secret is never shown)", response: { 200: WebhookView, ...errorResponses } },
    },
    async () => leadWebhookView(db),
  );

  app.put(
    "/api/inbox/settings/lead-webhook",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Set the sales webhook: URL, on or off, and a new signing secret (required the first time); audited",
        body: z.strictObject({
          url: z.string().trim().min(1).max(2000),
          enabled: z.boolean(),
          secret: z.string().min(24).max(200).optional().describe("Kept in the vault; leave out to keep the current one"),
        }),
        response: { 200: WebhookView, ...errorResponses },
      },
    },
    async (request) => {
      await saveLeadWebhook(db, services.keyring, auditOf(request), request.body);
      return leadWebhookView(db);
    },
  );

  app.delete(
    "/api/inbox/settings/lead-webhook",
    {
      config: { permission: "inbox.manage" },
      schema: { tags, summary: "Remove the sales webhook and its secret", response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteLeadWebhook(db, auditOf(request));
      return reply.code(204).send(null);
    },
  );
}
