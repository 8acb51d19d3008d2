import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/database.js";
import type { JobQueue } from "../../../jobs/queue.js";
import { deliverWebhookJob } from "./deliverJob.js";

export type WebhookEvent = "crisis.alert" | "crisis.test";

/** One pending delivery per enabled webhook (or the one named), in the caller's transaction; returns their ids. */
export async function queueDeliveries(
  trx: Database,
  input: { event: WebhookEvent; alertId: string | null; body: string; webhookId?: string },
): Promise<string[]> {
  let query = trx.selectFrom("inbox_crisis_webhooks").select("id").where("enabled", "=", 1);
  if (input.webhookId) query = query.where("id", "=", input.webhookId);
  const hooks = await query.execute();
  if (hooks.length === 0) return [];
  const now = new Date().toISOString();
  const rows = hooks.map((h) => ({
    id: randomUUID(),
    webhook_id: h.id,
    alert_id: input.alertId,
    event: input.event,
    body: input.body,
    status: "pending",
    attempts: 0,
    response_status: null,
    last_error: null,
    created_at: now,
    last_attempt_at: null,
    delivered_at: null,
  }));
  await trx.insertInto("inbox_crisis_webhook_deliveries").values(rows).execute();
  return rows.map((r) => r.id);
}

/**
 * Hands committed deliveries to the jobs system. If the process stops first, the crisis tick finds them
 * still pending and dispatches them again (the dedupe key keeps it to one job per delivery).
 */
export async function dispatchDeliveries(deps: { jobs?: JobQueue | undefined }, ids: readonly string[]): Promise<void> {
  if (!deps.jobs) return;
  for (const deliveryId of ids) await deps.jobs.dispatch(deliverWebhookJob, { deliveryId }, { dedupeKey: `crisis-webhook:${deliveryId}` });
}
