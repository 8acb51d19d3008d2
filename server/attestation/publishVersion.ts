import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { isUniqueViolation } from "../db/uniqueViolation.js";
import { badRequest, conflict } from "../errors.js";
import { renderMarkdown } from "../kb/render.js";
import { notify } from "../notifications/notify.js";
import { audienceMembers } from "./model.js";
import type { VersionBody } from "./schema.js";

export interface Publisher {
  id: string | null;
  label: string;
}

/**
 * Publishes a new version of the social media policy. A substantive one starts an acknowledgment
 * campaign (its audience is told at once) and closes the campaigns of earlier versions; a
 * non-substantive one (a typo, a link) asks nobody to accept it again.
 */
export async function publishVersion(
  db: Database,
  audit: AuditActor,
  publisher: Publisher,
  input: z.output<typeof VersionBody>,
): Promise<number> {
  if (input.substantive && !input.campaign) {
    throw badRequest("campaign_required", "A substantive change starts an acknowledgment campaign: give its audience and due date.");
  }
  if (input.campaign && Date.parse(input.campaign.dueAt) <= Date.now()) {
    throw badRequest("due_date_in_past", "The due date must be in the future.");
  }
  if (input.campaign?.audience.kind === "teams") {
    const found = await db.selectFrom("teams").select("id").where("id", "in", input.campaign.audience.teamIds).execute();
    if (found.length !== new Set(input.campaign.audience.teamIds).size)
      throw badRequest("team_not_found", "A team in the audience does not exist.");
  }
  const { html } = renderMarkdown(input.body);
  try {
    return await db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom("policy_versions").select("version").orderBy("version", "desc").executeTakeFirst();
      const version = (last?.version ?? 0) + 1;
      const now = new Date().toISOString();
      await trx
        .insertInto("policy_versions")
        .values({
          version,
          title: input.title,
          body: input.body,
          html,
          substantive: input.substantive ? 1 : 0,
          note: input.note,
          published_by: publisher.id,
          published_by_label: publisher.label,
          published_at: now,
        })
        .execute();
      await recordAudit(trx, audit, {
        action: "attestation.version_published",
        targetType: "policy",
        targetId: String(version),
        summary: `Published version ${version} of the social media policy${input.substantive ? " (substantive)" : ""}`,
        changes: { version, substantive: input.substantive, note: input.note },
      });
      if (!input.substantive || !input.campaign) return version;
      const campaign = input.campaign;
      await trx.updateTable("policy_campaigns").set({ closed_at: now }).where("closed_at", "is", null).execute();
      const id = randomUUID();
      await trx
        .insertInto("policy_campaigns")
        .values({
          id,
          version,
          audience: JSON.stringify(campaign.audience),
          due_at: new Date(campaign.dueAt).toISOString(),
          allow_late: campaign.allowLate ? 1 : 0,
          remind_every_days: campaign.remindEveryDays,
          last_reminded_at: now,
          closed_at: null,
          created_by: publisher.id,
          created_at: now,
        })
        .execute();
      const members = await audienceMembers(trx, campaign.audience);
      await notify(
        trx,
        members.map((m) => m.id).filter((m) => m !== publisher.id),
        {
          kind: "attestation.requested",
          title: `The social media policy changed: please read and acknowledge it by ${campaign.dueAt.slice(0, 10)}`,
          body: input.note,
          link: "/attestation",
        },
      );
      await recordAudit(trx, audit, {
        action: "attestation.campaign_started",
        targetType: "policy_campaign",
        targetId: id,
        summary: `Asked ${members.length} people to acknowledge version ${version} by ${campaign.dueAt.slice(0, 10)}`,
        changes: {
          version,
          audience: campaign.audience,
          dueAt: campaign.dueAt,
          allowLate: campaign.allowLate,
          remindEveryDays: campaign.remindEveryDays,
        },
      });
      return version;
    });
  } catch (err) {
    // Two publishers at once: the second one's version number is taken.
    if (isUniqueViolation(err))
      throw conflict("policy_version_conflict", "Someone published a version at the same moment. Reload and try again.");
    throw err;
  }
}
