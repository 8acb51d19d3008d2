import type { z } from "zod";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import type { PolicyCampaignsTable } from "../db/schema.js";
import { badRequest, notFound } from "../errors.js";
import { audienceMembers, parseAudience } from "./model.js";
import type { CampaignPatch } from "./schema.js";

export const campaignNotFound = () => notFound("Campaign", "campaign_not_found");

export async function findCampaign(db: Database, id: string): Promise<PolicyCampaignsTable> {
  const row = await db.selectFrom("policy_campaigns").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw campaignNotFound();
  return row;
}

/** Everyone in the audience with what they last accepted, for this campaign's version. */
export async function campaignReport(db: Database, campaign: PolicyCampaignsTable) {
  const members = await audienceMembers(db, parseAudience(campaign.audience));
  // Ascending, so each person's newest acknowledgment wins in the map.
  const acks = await db.selectFrom("policy_acknowledgments").selectAll().orderBy("version", "asc").execute();
  const byUser = new Map(acks.map((a) => [a.user_id, a]));
  const rows = members.map((m) => {
    const ack = byUser.get(m.id);
    const done = ack !== undefined && ack.version >= campaign.version;
    return {
      userId: m.id,
      name: m.name,
      email: m.email,
      acknowledgedVersion: ack?.version ?? null,
      acknowledgedAt: done ? ack.acknowledged_at : null,
      openMs: done ? ack.open_ms : null,
      late: done && ack.late === 1,
    };
  });
  return { pending: rows.filter((r) => r.acknowledgedAt === null), acknowledged: rows.filter((r) => r.acknowledgedAt !== null) };
}

export async function presentCampaign(db: Database, campaign: PolicyCampaignsTable) {
  const report = await campaignReport(db, campaign);
  return {
    id: campaign.id,
    version: campaign.version,
    audience: parseAudience(campaign.audience),
    dueAt: campaign.due_at,
    allowLate: campaign.allow_late === 1,
    remindEveryDays: campaign.remind_every_days,
    lastRemindedAt: campaign.last_reminded_at,
    closedAt: campaign.closed_at,
    createdAt: campaign.created_at,
    total: report.pending.length + report.acknowledged.length,
    acknowledged: report.acknowledged.length,
  };
}

export async function updateCampaign(db: Database, audit: AuditActor, id: string, patch: z.output<typeof CampaignPatch>): Promise<void> {
  if (patch.dueAt !== undefined && Number.isNaN(Date.parse(patch.dueAt))) throw badRequest("validation_failed", "dueAt is not a date.");
  await db.transaction().execute(async (trx) => {
    const before = await findCampaign(trx, id);
    const set = {
      ...(patch.dueAt !== undefined ? { due_at: new Date(patch.dueAt).toISOString() } : {}),
      ...(patch.allowLate !== undefined ? { allow_late: patch.allowLate ? 1 : 0 } : {}),
      ...(patch.remindEveryDays !== undefined ? { remind_every_days: patch.remindEveryDays } : {}),
      ...(patch.closed !== undefined ? { closed_at: patch.closed ? (before.closed_at ?? new Date().toISOString()) : null } : {}),
    };
    if (Object.keys(set).length === 0) return;
    await trx.updateTable("policy_campaigns").set(set).where("id", "=", id).execute();
    const changes = Object.fromEntries(
      Object.entries(set)
        .filter(([k, v]) => before[k as keyof PolicyCampaignsTable] !== v)
        .map(([k, v]) => [k, [before[k as keyof PolicyCampaignsTable], v]]),
    );
    await recordAudit(trx, audit, {
      action: "attestation.campaign_updated",
      targetType: "policy_campaign",
      targetId: id,
      summary: `Changed the acknowledgment campaign for version ${before.version}`,
      changes,
    });
  });
}
