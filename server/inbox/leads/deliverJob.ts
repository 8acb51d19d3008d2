import { z } from "zod";
import { defineJob } from "../../jobs/job.js";
import { notify } from "../../notifications/notify.js";
import { postSignedWebhook, WEBHOOK_RETRY } from "../../webhooks/postSigned.js";
import { shownWebhookUrl } from "../crisis/webhooks/saveWebhook.js";
import { leadPayload } from "./payload.js";
import { leadWebhookSecret, readLeadWebhook } from "./webhookSettings.js";

/**
 * Posts one lead to the sales webhook, signed as crisis webhooks are (`x-switchboard-signature:
 * v1=<HMAC-SHA256 of "<timestamp>.<body>">` with `x-switchboard-timestamp`, the secret from the vault).
 * A non-2xx answer or a network failure is recorded on the lead and thrown, so the jobs system retries
 * with backoff (30 s, 1, 2, 4, 8 min); after the last attempt the lead is marked failed and whoever
 * marked it is told. A delivery superseded by a newer one (Send again), or whose lead was unmarked or
 * webhook switched off, is dropped: retrying cannot change that.
 */
export const deliverLeadJob = defineJob({
  name: "inbox.lead-webhook",
  payload: z.object({ conversationId: z.string(), deliveryId: z.string() }),
  retry: WEBHOOK_RETRY,
  timeoutMs: 30_000,
  async run({ conversationId, deliveryId }, { db, services, attempt, log }) {
    const lead = await db.selectFrom("inbox_leads").selectAll().where("conversation_id", "=", conversationId).executeTakeFirst();
    if (!lead || lead.delivery_id !== deliveryId || lead.delivery_status === "sent" || lead.delivery_status === "failed") return;
    const settle = (set: { delivery_status: string; last_error?: string | null; sent_at?: string }) =>
      db
        .updateTable("inbox_leads")
        .set({ ...set, attempts: attempt })
        .where("conversation_id", "=", conversationId)
        .where("delivery_id", "=", deliveryId)
        .execute();
    const hook = await readLeadWebhook(db);
    const secret = await leadWebhookSecret(db, services.keyring);
    if (!hook?.enabled || !secret) {
      await settle({ delivery_status: "failed", last_error: "The sales webhook was switched off or removed before this was sent." });
      return;
    }
    const now = new Date();
    const body = await leadPayload(db, conversationId, deliveryId, now);
    if (!body) return;
    const outcome = await postSignedWebhook(services.http, {
      url: hook.url,
      secret,
      body,
      event: "lead.created",
      deliveryId,
      operation: "lead-webhook",
    });
    if (outcome.ok) {
      await settle({ delivery_status: "sent", last_error: null, sent_at: new Date().toISOString() });
      return;
    }
    const problem = outcome.error;
    const last = attempt >= WEBHOOK_RETRY.attempts;
    await settle({ delivery_status: last ? "failed" : "retrying", last_error: problem });
    if (!last) throw new Error(`lead webhook delivery ${deliveryId}: ${problem}`);
    log.warn({ delivery: deliveryId }, "lead webhook delivery failed for good");
    await notify(db, [lead.marked_by], {
      kind: "inbox.lead-webhook-failed",
      title: "A lead could not be sent to sales",
      body: `${shownWebhookUrl(hook.url)} did not accept the lead ${lead.name} after ${attempt} attempts: ${problem}`,
      link: `/inbox?conversation=${conversationId}`,
    });
  },
});
