import { z } from "zod";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { defineJob } from "../jobs/job.js";
import { notify } from "../notifications/notify.js";
import { campaignReport } from "./campaigns.js";

const DAY_MS = 86_400_000;

/**
 * Reminds the people of an open campaign who have not acknowledged, every `remind_every_days`
 * until the due date (and after it while late acknowledgment is allowed). In-app notifications;
 * the notifications email job mails them. A conditional update on last_reminded_at claims each
 * round, so two runners never remind twice.
 */
export async function remindAcknowledgments(db: Database, now = Date.now()): Promise<number> {
  const at = new Date(now).toISOString();
  const open = await db.selectFrom("policy_campaigns").selectAll().where("closed_at", "is", null).execute();
  let reminded = 0;
  for (const campaign of open) {
    if (campaign.allow_late !== 1 && campaign.due_at <= at) continue;
    const last = campaign.last_reminded_at ? Date.parse(campaign.last_reminded_at) : 0;
    if (now - last < campaign.remind_every_days * DAY_MS) continue;
    await db.transaction().execute(async (trx) => {
      let claim = trx.updateTable("policy_campaigns").set({ last_reminded_at: at }).where("id", "=", campaign.id);
      claim =
        campaign.last_reminded_at === null
          ? claim.where("last_reminded_at", "is", null)
          : claim.where("last_reminded_at", "=", campaign.last_reminded_at);
      const claimed = await claim.executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const { pending } = await campaignReport(trx, campaign);
      if (pending.length === 0) return;
      const overdue = campaign.due_at <= at;
      await notify(
        trx,
        pending.map((p) => p.userId),
        {
          kind: "attestation.reminder",
          title: overdue
            ? `Overdue: please acknowledge the social media policy (was due ${campaign.due_at.slice(0, 10)})`
            : `Reminder: acknowledge the social media policy by ${campaign.due_at.slice(0, 10)}`,
          link: "/attestation",
        },
      );
      await recordAudit(trx, systemActor("attestation"), {
        action: "attestation.reminded",
        targetType: "policy_campaign",
        targetId: campaign.id,
        summary: `Reminded ${pending.length} people to acknowledge version ${campaign.version}`,
        changes: { people: pending.length, overdue },
      });
      reminded += pending.length;
    });
  }
  return reminded;
}

export const attestationRemindersJob = defineJob({
  name: "attestation.reminders",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 60_000 } },
  timeoutMs: 120_000,
  every: { ms: 15 * 60_000 },
  async run(_payload, { db }) {
    await remindAcknowledgments(db);
  },
});
