import type { z } from "zod";
import { notFound } from "../errors.js";
import type { CostView } from "./schema.js";
import { type AnalyticsDb, num } from "./tables.js";

/** A campaign's cost entries, newest day first. */
export async function listCosts(db: AnalyticsDb, campaignId: string): Promise<z.infer<typeof CostView>[]> {
  const campaign = await db.selectFrom("campaigns").select("id").where("id", "=", campaignId).executeTakeFirst();
  if (!campaign) throw notFound("That campaign", "campaign_not_found");
  const rows = await db
    .selectFrom("analytics_costs as k")
    .leftJoin("users as u", "u.id", "k.created_by")
    .selectAll("k")
    .select("u.name as creator_name")
    .where("k.campaign_id", "=", campaignId)
    .orderBy("k.incurred_on", "desc")
    .orderBy("k.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    kind: r.kind as "money" | "hours",
    hours: r.hours_hundredths === null ? null : num(r.hours_hundredths) / 100,
    rate: r.rate_minor === null ? null : num(r.rate_minor) / 100,
    amount: num(r.amount_minor) / 100,
    currency: r.currency,
    note: r.note,
    incurredOn: r.incurred_on,
    createdBy: r.created_by && r.creator_name ? { id: r.created_by, name: r.creator_name } : null,
    createdAt: r.created_at,
  }));
}
