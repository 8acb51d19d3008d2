import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { notFound } from "../errors.js";
import { type AnalyticsDb, coreDb, num } from "./tables.js";

/** Removes a cost entry (a mistake); the audit event keeps what it was. */
export async function deleteCost(db: AnalyticsDb, audit: AuditActor, campaignId: string, costId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const cost = await trx
      .selectFrom("analytics_costs")
      .selectAll()
      .where("id", "=", costId)
      .where("campaign_id", "=", campaignId)
      .executeTakeFirst();
    if (!cost) throw notFound("That cost", "cost_not_found");
    await trx.deleteFrom("analytics_costs").where("id", "=", costId).execute();
    await recordAudit(coreDb(trx), audit, {
      action: "analytics.cost_deleted",
      targetType: "campaign",
      targetId: campaignId,
      summary: `Removed a cost of ${(num(cost.amount_minor) / 100).toFixed(2)} ${cost.currency} (${cost.incurred_on})`,
      changes: {
        costId,
        kind: cost.kind,
        amount: num(cost.amount_minor) / 100,
        currency: cost.currency,
        incurredOn: cost.incurred_on,
        note: cost.note,
      },
    });
  });
}
