import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, conflict, notFound } from "../errors.js";
import { getTeam, type TeamMemberRole, type TeamView } from "./teams.js";

export interface TeamInput {
  name?: string | undefined;
  description?: string | undefined;
  members?: { userId: string; role: TeamMemberRole }[] | undefined;
}

async function assertNameFree(db: Database, name: string, exceptId?: string) {
  let query = db
    .selectFrom("teams")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) query = query.where("id", "!=", exceptId);
  if (await query.executeTakeFirst()) throw conflict("team_name_taken", "A team with this name already exists.");
}

async function replaceMembers(db: Database, teamId: string, members: NonNullable<TeamInput["members"]>) {
  const ids = [...new Set(members.map((m) => m.userId))];
  if (ids.length !== members.length) throw new AppError(400, "duplicate_member", "A person is listed twice.");
  if (ids.length > 0) {
    const found = await db.selectFrom("users").select("id").where("id", "in", ids).execute();
    if (found.length !== ids.length) {
      const known = new Set(found.map((f) => f.id));
      throw new AppError(400, "unknown_user", "Some members are not users.", { details: { userIds: ids.filter((id) => !known.has(id)) } });
    }
  }
  await db.deleteFrom("team_members").where("team_id", "=", teamId).execute();
  if (members.length > 0) {
    await db
      .insertInto("team_members")
      .values(members.map((m) => ({ team_id: teamId, user_id: m.userId, role: m.role })))
      .execute();
  }
}

const memberList = (team: TeamView) => team.members.map((m) => `${m.email}:${m.role}`).sort();

export async function createTeam(db: Database, actor: AuditActor, input: TeamInput & { name: string }): Promise<TeamView> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const name = input.name.trim();
    await assertNameFree(trx, name);
    const now = new Date().toISOString();
    await trx
      .insertInto("teams")
      .values({ id, name, description: input.description?.trim() ?? "", created_at: now, updated_at: now })
      .execute();
    if (input.members) await replaceMembers(trx, id, input.members);
    const team = await getTeam(trx, id);
    await recordAudit(trx, actor, {
      action: "team.created",
      targetType: "team",
      targetId: id,
      summary: `Created team ${name} with ${team?.members.length ?? 0} member(s)`,
      changes: { name, description: input.description ?? "", members: team ? memberList(team) : [] },
    });
  });
  const team = await getTeam(db, id);
  if (!team) throw notFound("Team", "team_not_found");
  return team;
}

export async function updateTeam(db: Database, actor: AuditActor, id: string, input: TeamInput): Promise<TeamView> {
  await db.transaction().execute(async (trx) => {
    const before = await getTeam(trx, id);
    if (!before) throw notFound("Team", "team_not_found");
    const changes: Record<string, [unknown, unknown]> = {};
    const patch: { name?: string; description?: string } = {};
    if (input.name !== undefined && input.name.trim() !== before.name) {
      patch.name = input.name.trim();
      await assertNameFree(trx, patch.name, id);
      changes.name = [before.name, patch.name];
    }
    if (input.description !== undefined && input.description.trim() !== before.description) {
      patch.description = input.description.trim();
      changes.description = [before.description, patch.description];
    }
    if (input.members) {
      await replaceMembers(trx, id, input.members);
      const after = await getTeam(trx, id);
      if (after && memberList(before).join() !== memberList(after).join()) {
        changes.members = [memberList(before), memberList(after)];
      }
    }
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable("teams")
      .set({ ...patch, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, actor, {
      action: "team.updated",
      targetType: "team",
      targetId: id,
      summary: `Updated team ${patch.name ?? before.name}: ${Object.keys(changes).join(", ")}`,
      changes,
    });
  });
  const team = await getTeam(db, id);
  if (!team) throw notFound("Team", "team_not_found");
  return team;
}

export async function deleteTeam(db: Database, actor: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const team = await getTeam(trx, id);
    if (!team) throw notFound("Team", "team_not_found");
    await trx.deleteFrom("team_members").where("team_id", "=", id).execute();
    await trx.deleteFrom("teams").where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: "team.deleted",
      targetType: "team",
      targetId: id,
      summary: `Deleted team ${team.name}`,
      changes: { name: team.name, members: memberList(team) },
    });
  });
}
