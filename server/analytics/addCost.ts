import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { notFound } from "../errors.js";
import type { CostInput } from "./schema.js";
import { readSettings } from "./settings.js";
import { type AnalyticsDb, type AnalyticsTrx, coreDb } from "./tables.js";

const minor = (amount: number) => Math.round(amount * 100);

/**
 * Adds a cost to a campaign: money, or hours × an hourly rate (both kept, so the report can show the
 * assumption). Costs are in the reporting currency. Audited.
 */
export async function addCost(db: AnalyticsDb, audit: AuditActor, campaignId: string, input: CostInput): Promise<string> {
  return db.transaction().execute(async (trx: AnalyticsTrx) => {
    const campaign = await trx.selectFrom("campaigns").select("name").where("id", "=", campaignId).executeTakeFirst();
    if (!campaign) throw notFound("That campaign", "campaign_not_found");
    const { currency } = await readSettings(trx);
    const hoursHundredths = input.kind === "hours" ? Math.round(input.hours * 100) : null;
    const rateMinor = input.kind === "hours" ? minor(input.rate) : null;
    const amountMinor = input.kind === "hours" ? Math.round(((hoursHundredths ?? 0) * (rateMinor ?? 0)) / 100) : minor(input.amount);
    const id = randomUUID();
    await trx
      .insertInto("analytics_costs")
      .values({
        id,
        campaign_id: campaignId,
        kind: input.kind,
        hours_hundredths: hoursHundredths,
        rate_minor: rateMinor,
        amount_minor: amountMinor,
        currency,
        note: input.note,
        incurred_on: input.incurredOn,
        created_by: audit.actorId,
        created_at: new Date().toISOString(),
      })
      .execute();
    const what = input.kind === "hours" ? `${input.hours} h × ${input.rate} ${currency}` : `${(amountMinor / 100).toFixed(2)} ${currency}`;
    await recordAudit(coreDb(trx), audit, {
      action: "analytics.cost_added",
      targetType: "campaign",
      targetId: campaignId,
      summary: `Added a cost of ${what} to the campaign ${campaign.name}`,
      changes: { costId: id, kind: input.kind, amount: amountMinor / 100, currency, incurredOn: input.incurredOn, note: input.note },
    });
    return id;
  });
}
