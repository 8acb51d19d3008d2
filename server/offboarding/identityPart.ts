import { recordAudit } from "../audit/record.js";
import { applyUserDisabled } from "../identity/setUserDisabled.js";
import type { OffboardingParticipant } from "./participant.js";

/** Signs the person out everywhere, revokes their API tokens, disables them and takes them off their teams. */
export const identityOffboarding: OffboardingParticipant = {
  area: "identity",
  async offboard(trx, { user, actor }) {
    const sessions = await trx.selectFrom("sessions").select("id").where("user_id", "=", user.id).where("revoked_at", "is", null).execute();
    const tokens = await trx.selectFrom("api_tokens").select("id").where("user_id", "=", user.id).where("revoked_at", "is", null).execute();
    await applyUserDisabled(trx, actor, user.id, true);
    const teams = await trx
      .selectFrom("team_members")
      .innerJoin("teams", "teams.id", "team_members.team_id")
      .select(["teams.id", "teams.name"])
      .where("team_members.user_id", "=", user.id)
      .execute();
    if (teams.length > 0) {
      await trx.deleteFrom("team_members").where("user_id", "=", user.id).execute();
      await recordAudit(trx, actor, {
        action: "team.member_removed",
        targetType: "user",
        targetId: user.id,
        summary: `Removed ${user.email} from ${teams.map((t) => t.name).join(", ")}`,
        changes: { teams: teams.map((t) => t.name) },
      });
    }
    return {
      summary: [
        `Disabled ${user.email}: ended ${sessions.length} session(s), revoked ${tokens.length} API token(s)`,
        teams.length > 0 ? `Removed from team(s): ${teams.map((t) => t.name).join(", ")}` : "Was on no team",
      ],
      checklist: [],
    };
  },
};
