import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { isUniqueViolation } from "../db/uniqueViolation.js";
import { conflict, notFound } from "../errors.js";
import { policyHead } from "./model.js";

const already = () => conflict("policy_already_acknowledged", "You have already acknowledged this version.");

/**
 * Records that a person accepted the version they were served (the view says which). The open time
 * the client reports is kept within [0, now − served]: a client cannot claim it read for longer
 * than the text was in its hands. Acknowledging after a campaign's due date is recorded as late.
 */
export async function acknowledgePolicy(
  db: Database,
  audit: AuditActor,
  userId: string,
  viewId: string,
  reportedOpenMs: number,
): Promise<{ version: number; openMs: number; late: boolean }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const view = await trx.selectFrom("policy_views").selectAll().where("id", "=", viewId).executeTakeFirst();
      if (!view || view.user_id !== userId) throw notFound("Policy view", "policy_view_not_found");
      const { latest } = await policyHead(trx);
      if (!latest || latest.version !== view.version) {
        throw conflict("policy_version_changed", "A newer version was published while you were reading. Open it again.");
      }
      const exists = await trx
        .selectFrom("policy_acknowledgments")
        .select("id")
        .where("user_id", "=", userId)
        .where("version", "=", view.version)
        .executeTakeFirst();
      if (exists) throw already();
      const now = Date.now();
      const openMs = Math.max(0, Math.min(reportedOpenMs, now - Date.parse(view.served_at)));
      // The campaign this answers: the newest open one for this version or an earlier one.
      const campaign = await trx
        .selectFrom("policy_campaigns")
        .selectAll()
        .where("version", "<=", view.version)
        .where("closed_at", "is", null)
        .orderBy("version", "desc")
        .executeTakeFirst();
      const late = campaign !== undefined && Date.parse(campaign.due_at) < now;
      await trx
        .insertInto("policy_acknowledgments")
        .values({
          id: randomUUID(),
          user_id: userId,
          version: view.version,
          campaign_id: campaign?.id ?? null,
          view_id: viewId,
          acknowledged_at: new Date(now).toISOString(),
          open_ms: openMs,
          late: late ? 1 : 0,
        })
        .execute();
      await recordAudit(trx, audit, {
        action: "attestation.acknowledged",
        targetType: "policy",
        targetId: String(view.version),
        summary: `Acknowledged version ${view.version} of the social media policy${late ? " (late)" : ""}`,
        changes: { version: view.version, openMs, reportedOpenMs, late, campaignId: campaign?.id ?? null },
      });
      return { version: view.version, openMs, late };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw already();
    throw err;
  }
}
