import type { Database } from "../db/database.js";

export interface TeamView {
  id: string;
  name: string;
  description: string;
  members: { userId: string; name: string; email: string; role: TeamMemberRole }[];
  createdAt: string;
  updatedAt: string;
}

export const TEAM_MEMBER_ROLES = ["member", "lead"] as const;
export type TeamMemberRole = (typeof TEAM_MEMBER_ROLES)[number];

export async function listTeams(db: Database, ids?: string[]): Promise<TeamView[]> {
  let query = db.selectFrom("teams").selectAll().orderBy("name");
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where("id", "in", ids);
  }
  const teams = await query.execute();
  if (teams.length === 0) return [];
  const members = await db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select(["team_members.team_id", "users.id", "users.name", "users.email", "team_members.role"])
    .where(
      "team_members.team_id",
      "in",
      teams.map((t) => t.id),
    )
    .orderBy("users.name")
    .execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    members: members
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ userId: m.id, name: m.name, email: m.email, role: m.role as TeamMemberRole })),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  }));
}

export async function getTeam(db: Database, id: string): Promise<TeamView | undefined> {
  const [team] = await listTeams(db, [id]);
  return team;
}
