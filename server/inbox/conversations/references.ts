import type { Database } from "../../db/database.js";
import { badRequest } from "../../errors.js";

/** An assignee must be an active user; a disabled one cannot work the inbox. */
export async function checkAssignee(db: Database, id: string) {
  const user = await db.selectFrom("users").select(["id", "disabled_at"]).where("id", "=", id).executeTakeFirst();
  if (!user || user.disabled_at !== null) {
    throw badRequest("assignee_not_found", "No active user has that id.", { assigneeId: id });
  }
}

export async function checkTeam(db: Database, id: string) {
  const team = await db.selectFrom("teams").select("id").where("id", "=", id).executeTakeFirst();
  if (!team) throw badRequest("team_not_found", "No team has that id.", { teamId: id });
}
