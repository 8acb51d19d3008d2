import type { AuditActor } from "../../../audit/context.js";
import { recordAudit } from "../../../audit/record.js";
import { AppError, notFound } from "../../../errors.js";
import type { Services } from "../../../services.js";
import { dispatchDeliveries, queueDeliveries } from "./queueDeliveries.js";

/** Queues a signed `crisis.test` event to one webhook, so an admin can see the receiver accept it. */
export async function sendTestDelivery(services: Pick<Services, "db" | "jobs">, audit: AuditActor, webhookId: string): Promise<string> {
  const body = JSON.stringify({ event: "crisis.test", sentAt: new Date().toISOString() });
  const id = await services.db.transaction().execute(async (trx) => {
    const hook = await trx.selectFrom("inbox_crisis_webhooks").select(["url", "enabled"]).where("id", "=", webhookId).executeTakeFirst();
    if (!hook) throw notFound("Webhook", "webhook_not_found");
    if (hook.enabled !== 1) throw new AppError(409, "webhook_disabled", "Switch the webhook on to send it a test.");
    const [deliveryId] = await queueDeliveries(trx, { event: "crisis.test", alertId: null, body, webhookId });
    await recordAudit(trx, audit, {
      action: "inbox.crisis_webhook.tested",
      targetType: "crisis_webhook",
      targetId: webhookId,
      summary: `Sent a test event to ${hook.url}`,
      changes: { deliveryId },
    });
    return deliveryId as string;
  });
  await dispatchDeliveries(services, [id]);
  return id;
}
