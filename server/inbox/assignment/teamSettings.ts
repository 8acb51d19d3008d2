import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { checkPolicy } from "../sla/policies.js";

/** off: new conversations wait for someone to take them; least_loaded: see autoAssign.ts. */
export const AUTO_ASSIGN_MODES = ["off", "least_loaded"] as const;
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number];

export interface TeamInboxSettings {
  teamId: string;
  teamName: string;
  autoAssign: AutoAssignMode;
  /** The SLA policy of the team's conversations when no routing rule names one; null: none. */
  slaPolicyId: string | null;
}

/** Every team with its inbox settings (the defaults for a team never set: off, no policy). */
export async function listTeamSettings(db: Database): Promise<TeamInboxSettings[]> {
  const rows = await db
    .selectFrom("teams")
    .leftJoin("inbox_team_settings", "inbox_team_settings.team_id", "teams.id")
    .select(["teams.id", "teams.name", "inbox_team_settings.auto_assign", "inbox_team_settings.sla_policy_id"])
    .orderBy("teams.name")
    .execute();
  return rows.map((r) => ({
    teamId: r.id,
    teamName: r.name,
    autoAssign: (r.auto_assign ?? "off") as AutoAssignMode,
    slaPolicyId: r.sla_policy_id ?? null,
  }));
}

export async function teamSettings(db: Database, teamId: string) {
  return db.selectFrom("inbox_team_settings").selectAll().where("team_id", "=", teamId).executeTakeFirst();
}

/** A lead sets a team's auto-assignment and default SLA policy. Audited with what changed. */
export async function saveTeamSettings(
  db: Database,
  audit: AuditActor,
  teamId: string,
  input: { autoAssign: AutoAssignMode; slaPolicyId: string | null },
  at = new Date(),
) {
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom("teams").select(["id", "name"]).where("id", "=", teamId).executeTakeFirst();
    if (!team) throw notFound("Team", "team_not_found");
    if (input.slaPolicyId) await checkPolicy(trx, input.slaPolicyId);
    const before = await teamSettings(trx, teamId);
    const changes: Record<string, [unknown, unknown]> = {};
    if ((before?.auto_assign ?? "off") !== input.autoAssign) changes.autoAssign = [before?.auto_assign ?? "off", input.autoAssign];
    if ((before?.sla_policy_id ?? null) !== input.slaPolicyId) changes.slaPolicyId = [before?.sla_policy_id ?? null, input.slaPolicyId];
    if (Object.keys(changes).length === 0) return;
    await trx
      .insertInto("inbox_team_settings")
      .values({ team_id: teamId, auto_assign: input.autoAssign, sla_policy_id: input.slaPolicyId, updated_at: now })
      .onConflict((oc) =>
        oc.column("team_id").doUpdateSet({ auto_assign: input.autoAssign, sla_policy_id: input.slaPolicyId, updated_at: now }),
      )
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.team_settings.saved",
      targetType: "team",
      targetId: teamId,
      summary: `Inbox settings of ${team.name}: ${Object.keys(changes).join(", ")}`,
      changes,
    });
  });
}
