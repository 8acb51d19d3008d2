import type { Database } from "../db/database.js";
import { prepared } from "../db/preparedQuery.js";
import type { Role } from "./roles.js";
import type { TeamMemberRole } from "./teams.js";

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  teams: { id: string; name: string; role: TeamMemberRole }[];
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function countUsers(db: Database): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: Database, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Database, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function rolesOf(db: Database, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).orderBy("role").execute();
  return rows.map((r) => r.role as Role);
}

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: "active" | "disabled" | undefined;
  teamId?: string | undefined;
}

export async function listUsers(db: Database, filter: UserFilter = {}): Promise<UserView[]> {
  let query = db.selectFrom("users").selectAll("users").orderBy("users.name").orderBy("users.email");
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn("lower", ["users.name"]), "like", like), eb("users.email", "like", like)]));
  }
  if (filter.status === "active") query = query.where("users.disabled_at", "is", null);
  if (filter.status === "disabled") query = query.where("users.disabled_at", "is not", null);
  if (filter.role) {
    const role = filter.role;
    query = query.where("users.id", "in", (eb) => eb.selectFrom("user_roles").select("user_id").where("role", "=", role));
  }
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where("users.id", "in", (eb) => eb.selectFrom("team_members").select("user_id").where("team_id", "=", teamId));
  }
  const users = await query.execute();
  return presentUsers(db, users);
}

export async function getUserView(db: Database, id: string): Promise<UserView | undefined> {
  const user = await findUserById(db, id);
  if (!user) return undefined;
  const [view] = await presentUsers(db, [user]);
  return view;
}

/** The teams a user belongs to (compiled once: /api/me asks on every page load). */
export const teamsOfUser = prepared(1, (db, userId: string) =>
  db
    .selectFrom("team_members")
    .innerJoin("teams", "teams.id", "team_members.team_id")
    .select(["teams.id", "teams.name", "team_members.role"])
    .$narrowType<{ role: TeamMemberRole }>()
    .where("team_members.user_id", "=", userId)
    .orderBy("teams.name"),
);

type UserRow = Awaited<ReturnType<typeof findUserById>> & {};

async function presentUsers(db: Database, users: UserRow[]): Promise<UserView[]> {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const roles = await db.selectFrom("user_roles").selectAll().where("user_id", "in", ids).orderBy("role").execute();
  const teams = await db
    .selectFrom("team_members")
    .innerJoin("teams", "teams.id", "team_members.team_id")
    .select(["team_members.user_id", "teams.id", "teams.name", "team_members.role"])
    .where("team_members.user_id", "in", ids)
    .orderBy("teams.name")
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role),
    teams: teams.filter((t) => t.user_id === u.id).map((t) => ({ id: t.id, name: t.name, role: t.role as TeamMemberRole })),
    disabled: u.disabled_at !== null,
    hasPassword: u.password_hash !== null,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  }));
}

/** Active admins other than the given user: guards against locking everyone out. */
export async function countOtherActiveAdmins(db: Database, userId: string): Promise<number> {
  const row = await db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_roles.role", "=", "admin")
    .where("users.disabled_at", "is", null)
    .where("users.id", "!=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
