import { campaignReport } from "../attestation/campaigns.js";
import type { Database } from "../db/database.js";
import { column, percent, type ReportDefinition, type ReportTable } from "./model.js";

/**
 * Policy acknowledgment coverage per campaign (each is for one policy version), newest first, as of
 * now: the audience, who acknowledged on time, late, and who has not yet (pending), of which overdue
 * once the due date has passed. Uses the campaign report's own rule: accepting a later version counts.
 */
export async function attestationCoverage(db: Database, now: number): Promise<ReportTable> {
  const campaigns = await db
    .selectFrom("policy_campaigns as c")
    .innerJoin("policy_versions as v", "v.version", "c.version")
    .selectAll("c")
    .select("v.title")
    .orderBy("c.created_at", "desc")
    .execute();
  const rows: ReportTable["rows"] = [];
  for (const campaign of campaigns) {
    const { pending, acknowledged } = await campaignReport(db, campaign);
    const late = acknowledged.filter((a) => a.late).length;
    const overdue = Date.parse(campaign.due_at) <= now;
    const audience = pending.length + acknowledged.length;
    rows.push({
      version: campaign.version,
      title: campaign.title,
      dueAt: campaign.due_at.slice(0, 10),
      state: campaign.closed_at ? "closed" : "open",
      audience,
      onTime: acknowledged.length - late,
      late,
      pending: pending.length,
      overdue: overdue ? pending.length : 0,
      coverage: percent(acknowledged.length, audience),
    });
  }
  return {
    columns: [
      column("version", "Version"),
      column("title", "Policy"),
      column("dueAt", "Due"),
      column("state", "Campaign"),
      column("audience", "Audience"),
      column("onTime", "On time"),
      column("late", "Late"),
      column("pending", "Pending"),
      column("overdue", "Overdue"),
      column("coverage", "Coverage %"),
    ],
    rows,
  };
}

export const attestationReport: ReportDefinition = {
  name: "attestation",
  title: "Policy acknowledgment coverage",
  permission: "attestation.manage",
  ranged: false,
  build: (db, _range, now) => attestationCoverage(db, now),
};
