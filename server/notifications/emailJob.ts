import { createTransport } from "nodemailer";
import { z } from "zod";
import { defineJob } from "../jobs/job.js";

/** Notifications older than this are not emailed (SMTP configured later must not flood inboxes). */
const EMAIL_WITHIN_MS = 3_600_000;
const BATCH = 100;

/**
 * Emails each new in-app notification to its recipient when SMTP is configured. A notification is
 * taken by one conditional update (`email_state` null → sending), so two runners never send it twice.
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
    const due = await db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select(["notifications.id", "notifications.title", "notifications.body", "notifications.link", "users.email", "users.name"])
      .where("notifications.email_state", "is", null)
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
          .set({ email_state: "sending" })
          .where("id", "=", n.id)
          .where("email_state", "is", null)
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
