import { z } from "zod";
import { defineJob } from "../../../jobs/job.js";
import { notify } from "../../../notifications/notify.js";
import { readSecret } from "../../../vault/secrets.js";
import { postSignedWebhook, WEBHOOK_RETRY } from "../../../webhooks/postSigned.js";
import { shownWebhookUrl } from "./saveWebhook.js";

/**
 * Sends one crisis webhook delivery: the stored body, signed with the webhook's secret from the vault. A
 * non-2xx answer or a network failure is recorded on the delivery and thrown, so the jobs system retries
 * with backoff (30 s, 1, 2, 4, 8 min); after the last attempt the delivery is marked failed and the
 * admins are told. A delivery whose webhook was removed or switched off is dropped, not retried.
 */
export const deliverWebhookJob = defineJob({
  name: "inbox.crisis.webhook",
  payload: z.object({ deliveryId: z.string() }),
  retry: WEBHOOK_RETRY,
  timeoutMs: 30_000,
  async run({ deliveryId }, { db, services, attempt, log }) {
    const delivery = await db
      .selectFrom("inbox_crisis_webhook_deliveries")
      .innerJoin("inbox_crisis_webhooks", "inbox_crisis_webhooks.id", "inbox_crisis_webhook_deliveries.webhook_id")
      .select([
        "inbox_crisis_webhook_deliveries.id",
        "inbox_crisis_webhook_deliveries.status",
        "inbox_crisis_webhook_deliveries.event",
        "inbox_crisis_webhook_deliveries.body",
        "inbox_crisis_webhooks.id as webhookId",
        "inbox_crisis_webhooks.url",
        "inbox_crisis_webhooks.enabled",
      ])
      .where("inbox_crisis_webhook_deliveries.id", "=", deliveryId)
      .executeTakeFirst();
    // Deleted with its webhook, or already settled: nothing to do, and retrying cannot change that.
    if (!delivery || delivery.status === "delivered" || delivery.status === "failed") return;
    const now = () => new Date().toISOString();
    const settle = (set: { status: string; response_status?: number | null; last_error?: string | null; delivered_at?: string }) =>
      db
        .updateTable("inbox_crisis_webhook_deliveries")
        .set({ ...set, attempts: attempt, last_attempt_at: now() })
        .where("id", "=", deliveryId)
        .execute();
    if (!delivery.enabled) {
      await settle({ status: "failed", last_error: "The webhook was switched off before this was sent." });
      return;
    }
    const secret = await readSecret(db, services.keyring, { type: "crisis_webhook", id: delivery.webhookId }, "signing_secret");
    if (!secret) {
      await settle({ status: "failed", last_error: "The webhook has no signing secret." });
      return;
    }
    const outcome = await postSignedWebhook(services.http, {
      url: delivery.url,
      secret,
      body: delivery.body,
      event: delivery.event,
      deliveryId: delivery.id,
      operation: "crisis-webhook",
    });
    if (outcome.ok) {
      await settle({ status: "delivered", response_status: outcome.status, last_error: null, delivered_at: now() });
      return;
    }
    const problem = outcome;
    const last = attempt >= WEBHOOK_RETRY.attempts;
    await settle({ status: last ? "failed" : "retrying", response_status: problem.status, last_error: problem.error });
    if (!last) throw new Error(`crisis webhook delivery ${deliveryId}: ${problem.error}`);
    log.warn({ delivery: deliveryId, webhook: delivery.webhookId }, "crisis webhook delivery failed for good");
    const admins = await db
      .selectFrom("user_roles")
      .innerJoin("users", "users.id", "user_roles.user_id")
      .select("users.id")
      .where("user_roles.role", "=", "admin")
      .where("users.disabled_at", "is", null)
      .execute();
    await notify(
      db,
      admins.map((a) => a.id),
      {
        kind: "inbox.crisis-webhook-failed",
        title: "A crisis webhook could not be delivered",
        body: `${shownWebhookUrl(delivery.url)} did not accept a ${delivery.event} after ${attempt} attempts: ${problem.error}`,
        link: "/crisis#webhooks",
      },
    );
  },
});
