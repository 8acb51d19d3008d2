import type { ExpressionBuilder } from "kysely";
import { createTransport } from "nodemailer";
import { z } from "zod";
import type { DB } from "../db/schema.js";
import { defineJob } from "../jobs/job.js";

/** Notifications older than this are not emailed (SMTP configured later must not flood inboxes). */
const EMAIL_WITHIN_MS = 3_600_000;
const BATCH = 100;
/** A claim older than this was left by a runner that died before sending: it is taken again. */
export const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Emails each new in-app notification to its recipient when SMTP is configured. A notification is
 * taken by one conditional update (`email_state` null → sending, with the time of the claim), so two
 * runners never send it at once; a claim left by a runner that died before sending is taken again after
 * STALE_CLAIM_MS (at least once: a crash between sending and recording it may send a second email).
 */
export const emailNotificationsJob = defineJob({
  name: "notifications.email",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 30_000 } },
  timeoutMs: 120_000,
  every: { ms: 15_000 },
  async run(_payload, { db, log, services }) {
    const smtp = services.config.smtp;
    if (!smtp) return;
    const staleBefore = new Date(Date.now() - STALE_CLAIM_MS).toISOString();
    const unclaimed = (eb: ExpressionBuilder<DB, "notifications">) =>
      eb.or([
        eb("notifications.email_state", "is", null),
        eb.and([eb("notifications.email_state", "=", "sending"), eb("notifications.email_claimed_at", "<", staleBefore)]),
      ]);
    const due = await db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select(["notifications.id", "notifications.title", "notifications.body", "notifications.link", "users.email", "users.name"])
      .where(unclaimed)
      .where("notifications.created_at", ">=", new Date(Date.now() - EMAIL_WITHIN_MS).toISOString())
      .where("users.disabled_at", "is", null)
      .orderBy("notifications.created_at")
      .limit(BATCH)
      .execute();
    if (due.length === 0) return;
    const transport = createTransport(smtp.url);
    try {
      for (const n of due) {
        const taken = await db
          .updateTable("notifications")
          .set({ email_state: "sending", email_claimed_at: new Date().toISOString() })
          .where("id", "=", n.id)
          .where(unclaimed)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) continue;
        const link = n.link ? `${services.config.baseUrl}${n.link}` : services.config.baseUrl;
        try {
          await transport.sendMail({
            from: smtp.from,
            to: { name: n.name, address: n.email },
            subject: n.title,
            text: `${n.body ? `${n.body}\n\n` : ""}${link}\n\n— Switchboard`,
          });
          await db.updateTable("notifications").set({ email_state: "sent" }).where("id", "=", n.id).execute();
        } catch (err) {
          // The SMTP URL may hold a password: log the server's answer, never the transport's settings.
          log.warn({ notification: n.id, reason: err instanceof Error ? err.message : String(err) }, "notification email failed");
          await db.updateTable("notifications").set({ email_state: "failed" }).where("id", "=", n.id).execute();
        }
      }
    } finally {
      transport.close();
    }
  },
});
