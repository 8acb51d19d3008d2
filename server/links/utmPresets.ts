import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { notFound } from "../errors.js";
import { EMPTY_UTM, UTM_FIELDS, type Utm } from "./destination.js";
import { coreDb, type LinksDb } from "./tables.js";

export async function getUtmPreset(db: LinksDb, campaignId: string): Promise<{ utm: Utm; updatedAt: string | null }> {
  const campaign = await db.selectFrom("campaigns").select("id").where("id", "=", campaignId).executeTakeFirst();
  if (!campaign) throw notFound("That campaign", "campaign_not_found");
  const row = await db.selectFrom("link_utm_presets").selectAll().where("campaign_id", "=", campaignId).executeTakeFirst();
  if (!row) return { utm: { ...EMPTY_UTM }, updatedAt: null };
  return {
    utm: { source: row.utm_source, medium: row.utm_medium, campaign: row.utm_campaign, term: row.utm_term, content: row.utm_content },
    updatedAt: row.updated_at,
  };
}

/** Sets a campaign's UTM preset: what its new links get unless a value is given or already in the URL. */
export async function saveUtmPreset(db: LinksDb, audit: AuditActor, campaignId: string, utm: Partial<Utm>): Promise<void> {
  const now = new Date().toISOString();
  const values = {
    utm_source: utm.source ?? null,
    utm_medium: utm.medium ?? null,
    utm_campaign: utm.campaign ?? null,
    utm_term: utm.term ?? null,
    utm_content: utm.content ?? null,
  };
  await db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom("campaigns").select("name").where("id", "=", campaignId).executeTakeFirst();
    if (!campaign) throw notFound("That campaign", "campaign_not_found");
    const before = await trx.selectFrom("link_utm_presets").selectAll().where("campaign_id", "=", campaignId).executeTakeFirst();
    await trx
      .insertInto("link_utm_presets")
      .values({ campaign_id: campaignId, ...values, updated_at: now })
      .onConflict((oc) => oc.column("campaign_id").doUpdateSet({ ...values, updated_at: now }))
      .execute();
    const changes: Record<string, [string | null, string | null]> = {};
    for (const f of UTM_FIELDS) {
      const was = before?.[`utm_${f}`] ?? null;
      if (was !== values[`utm_${f}`]) changes[f] = [was, values[`utm_${f}`]];
    }
    await recordAudit(coreDb(trx), audit, {
      action: "links.utm_preset_saved",
      targetType: "campaign",
      targetId: campaignId,
      summary: `Set the UTM preset of campaign ${campaign.name}`,
      changes,
    });
  });
}

export interface PlaceholderContext {
  network: string | null;
  account: string | null;
  campaign: string | null;
}

/**
 * A preset value may name the channel or campaign it is used for: `{network}` (bluesky), `{account}`
 * (the handle) and `{campaign}` (the campaign's name as a slug), so one preset such as
 * `utm_source={network}` tags each channel's copy of a post apart.
 */
export function expandPlaceholders(value: string | null, context: PlaceholderContext): string | null {
  if (!value) return value;
  const expanded = value.replace(/\{(network|account|campaign)\}/g, (_, key: keyof PlaceholderContext) => context[key] ?? "");
  return expanded.trim() === "" ? null : expanded;
}

export const slugOf = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
