import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../../errors.js";
import { errorResponses } from "../../../http/errorBody.js";
import { auditOf } from "../../../http/requestContext.js";
import { IdParams } from "../../../identity/schema.js";
import type { Services } from "../../../services.js";
import { createWebhook, deleteWebhook, updateWebhook } from "./saveWebhook.js";
import { sendTestDelivery } from "./sendTestDelivery.js";

const tags = ["inbox"];

const Secret = z.string().min(24).max(200).describe("The HMAC-SHA256 key; kept in the vault and never shown again");
const WebhookInput = z.strictObject({
  url: z.string().min(1).max(2000),
  description: z.string().max(200).default(""),
  enabled: z.boolean().default(true),
  secret: Secret.optional().describe("Required when adding; left out when changing keeps the current one"),
});
const Delivery = z.object({
  id: z.string(),
  event: z.string(),
  alertId: z.string().nullable(),
  status: z.enum(["pending", "retrying", "delivered", "failed"]),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  secretUpdatedAt: z.string().nullable(),
  createdAt: z.string(),
  failedDeliveries: z.number().describe("Deliveries that failed for good, ever"),
  lastDelivery: Delivery.nullable(),
});
type DeliveryRow = {
  id: string;
  event: string;
  alert_id: string | null;
  status: string;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
};
const deliveryView = (d: DeliveryRow): z.infer<typeof Delivery> => ({
  id: d.id,
  event: d.event,
  alertId: d.alert_id,
  status: d.status as z.infer<typeof Delivery>["status"],
  attempts: Number(d.attempts),
  responseStatus: d.response_status,
  lastError: d.last_error,
  createdAt: d.created_at,
  lastAttemptAt: d.last_attempt_at,
  deliveredAt: d.delivered_at,
});
const DELIVERY_COLUMNS = [
  "id",
  "event",
  "alert_id",
  "status",
  "attempts",
  "response_status",
  "last_error",
  "created_at",
  "last_attempt_at",
  "delivered_at",
] as const;

/** Where crisis alerts are posted beyond the app (admins and leads: `inbox.manage`). */
export async function webhookRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, keyring } = services;

  const view = async (id: string): Promise<z.infer<typeof WebhookView>> => {
    const hook = await db.selectFrom("inbox_crisis_webhooks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const secret = await db
      .selectFrom("vault_secrets")
      .select("updated_at")
      .where("owner_type", "=", "crisis_webhook")
      .where("owner_id", "=", id)
      .where("kind", "=", "signing_secret")
      .executeTakeFirst();
    const last = await db
      .selectFrom("inbox_crisis_webhook_deliveries")
      .select(DELIVERY_COLUMNS)
      .where("webhook_id", "=", id)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const failed = await db
      .selectFrom("inbox_crisis_webhook_deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("webhook_id", "=", id)
      .where("status", "=", "failed")
      .executeTakeFirstOrThrow();
    return {
      id: hook.id,
      url: hook.url,
      description: hook.description,
      enabled: hook.enabled === 1,
      hasSecret: Boolean(secret),
      secretUpdatedAt: secret?.updated_at ?? null,
      createdAt: hook.created_at,
      failedDeliveries: Number(failed.n),
      lastDelivery: last ? deliveryView(last) : null,
    };
  };
  const exists = async (id: string) => {
    const hook = await db.selectFrom("inbox_crisis_webhooks").select(["id", "enabled"]).where("id", "=", id).executeTakeFirst();
    if (!hook) throw notFound("Webhook", "webhook_not_found");
    return hook;
  };
  const config = { permission: "inbox.manage" as const };

  app.get(
    "/api/inbox/crisis/webhooks",
    {
      config,
      schema: {
        tags,
        summary: "Crisis webhooks, with how their latest delivery went",
        response: { 200: z.object({ items: z.array(WebhookView) }), ...errorResponses },
      },
    },
    async () => {
      const hooks = await db.selectFrom("inbox_crisis_webhooks").select("id").orderBy("created_at").execute();
      return { items: await Promise.all(hooks.map((h) => view(h.id))) };
    },
  );

  app.post(
    "/api/inbox/crisis/webhooks",
    {
      config,
      schema: {
        tags,
        summary: "Add a webhook that receives every crisis alert, signed",
        body: WebhookInput,
        response: { 201: WebhookView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await createWebhook(db, keyring, auditOf(request), request.body);
      return reply.code(201).send(await view(id));
    },
  );

  app.put(
    "/api/inbox/crisis/webhooks/:id",
    {
      config,
      schema: {
        tags,
        summary: "Change a webhook (its URL, description, on/off, secret)",
        params: IdParams,
        body: WebhookInput,
        response: { 200: WebhookView, ...errorResponses },
      },
    },
    async (request) => {
      await updateWebhook(db, keyring, auditOf(request), request.params.id, request.body);
      return view(request.params.id);
    },
  );

  app.delete(
    "/api/inbox/crisis/webhooks/:id",
    {
      config,
      schema: {
        tags,
        summary: "Remove a webhook, its secret and its deliveries",
        params: IdParams,
        response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      await deleteWebhook(db, auditOf(request), request.params.id);
      return { deleted: true as const };
    },
  );

  app.get(
    "/api/inbox/crisis/webhooks/:id/deliveries",
    {
      config,
      schema: {
        tags,
        summary: "The webhook's latest 50 deliveries, newest first",
        params: IdParams,
        response: { 200: z.object({ items: z.array(Delivery) }), ...errorResponses },
      },
    },
    async (request) => {
      await exists(request.params.id);
      const rows = await db
        .selectFrom("inbox_crisis_webhook_deliveries")
        .select(DELIVERY_COLUMNS)
        .where("webhook_id", "=", request.params.id)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(50)
        .execute();
      return { items: rows.map(deliveryView) };
    },
  );

  app.post(
    "/api/inbox/crisis/webhooks/:id/test",
    {
      config,
      schema: {
        tags,
        summary: "Send the webhook a signed `crisis.test` event now",
        params: IdParams,
        response: { 202: Delivery, ...errorResponses },
      },
    },
    async (request, reply) => {
      await exists(request.params.id);
      const deliveryId = await sendTestDelivery(services, auditOf(request), request.params.id);
      const row = await db
        .selectFrom("inbox_crisis_webhook_deliveries")
        .select(DELIVERY_COLUMNS)
        .where("id", "=", deliveryId)
        .executeTakeFirstOrThrow();
      return reply.code(202).send(deliveryView(row));
    },
  );
}
