import { createTransport } from "nodemailer";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Config } from "../config.js";
import { lastFullWeek, renderDigest } from "./digest.js";
import { buildReport } from "./report.js";
import { type AnalyticsDb, coreDb } from "./tables.js";

/** Leads and executives (viewers) get the digest; admins see the dashboards when they want them. */
const DIGEST_ROLES = ["lead", "viewer"];

export type DigestOutcome =
  | { sent: number; week: string }
  | { skipped: "no_smtp" | "already_sent" | "nothing_to_report" | "no_recipients" };

/**
 * Sends last week's digest once: the week's row is claimed with an insert that only one process can make,
 * so two runners never both send it. If sending fails the claim is released and the next run tries again
 * (someone may then get it twice, which beats nobody getting it). Audited as `analytics.digest_sent`.
 */
export async function sendWeeklyDigest(
  db: AnalyticsDb,
  config: Pick<Config, "smtp" | "baseUrl">,
  now = Date.now(),
): Promise<DigestOutcome> {
  const smtp = config.smtp;
  if (!smtp) return { skipped: "no_smtp" };
  const { week, from, to } = lastFullWeek(now);
  if (await db.selectFrom("analytics_digests").select("week").where("week", "=", week).executeTakeFirst())
    return { skipped: "already_sent" };
  const report = await buildReport(db, { from, to }, now);
  const t = report.totals;
  if (t.clicks + t.leads + t.inboxLeads + t.sales === 0 && !t.cost) return { skipped: "nothing_to_report" };
  const recipients = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.id", "users.email", "users.name"])
    .distinct()
    .where("user_roles.role", "in", DIGEST_ROLES)
    .where("users.disabled_at", "is", null)
    .orderBy("users.email")
    .execute();
  if (recipients.length === 0) return { skipped: "no_recipients" };
  const claimed = await db
    .insertInto("analytics_digests")
    .values({ week, recipients: recipients.length, sent_at: null })
    .onConflict((oc) => oc.column("week").doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return { skipped: "already_sent" };
  const mail = renderDigest(report, config.baseUrl);
  const transport = createTransport(smtp.url);
  try {
    for (const r of recipients) {
      await transport.sendMail({
        from: smtp.from,
        to: { name: r.name, address: r.email },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      });
    }
  } catch (err) {
    await db.deleteFrom("analytics_digests").where("week", "=", week).execute();
    // The SMTP URL may hold a password: report the server's answer only.
    throw new Error(`the weekly digest was not sent: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    transport.close();
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("analytics_digests").set({ sent_at: new Date().toISOString() }).where("week", "=", week).execute();
    await recordAudit(coreDb(trx), systemActor("analytics.weekly-digest"), {
      action: "analytics.digest_sent",
      targetType: "analytics_digest",
      targetId: week,
      summary: `Sent the weekly analytics digest for ${from} to ${to} to ${recipients.length} people`,
      changes: { recipients: recipients.map((r) => r.email) },
    });
  });
  return { sent: recipients.length, week };
}
