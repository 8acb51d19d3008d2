import type { Database } from "../db/database.js";
import type { ActorUser } from "./actor.js";
import type { Role } from "./roles.js";

/** A user who may act, with their roles: what authentication needs to know. */
export interface ActiveUser extends ActorUser {
  roles: Role[];
}

/** Columns selected, joined with user_roles, wherever a request's user is loaded. */
export const USER_COLUMNS = [
  "users.id as user_id",
  "users.email",
  "users.name",
  "users.password_hash",
  "users.disabled_at",
  "users.created_at",
  "users.updated_at",
] as const;

interface JoinedRow {
  user_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  role: string | null;
}

/** Folds user ⋈ user_roles rows into one user; undefined when disabled. */
export function activeUserFrom(rows: JoinedRow[]): ActiveUser | undefined {
  const first = rows[0];
  if (!first || first.disabled_at !== null) return undefined;
  return {
    id: first.user_id,
    email: first.email,
    name: first.name,
    hasPassword: first.password_hash !== null,
    createdAt: first.created_at,
    updatedAt: first.updated_at,
    roles: rows.flatMap((r) => (r.role ? [r.role as Role] : [])).sort(),
  };
}

export async function loadActiveUser(db: Database, userId: string): Promise<ActiveUser | undefined> {
  const rows = await db
    .selectFrom("users")
    .leftJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["user_roles.role", ...USER_COLUMNS])
    .where("users.id", "=", userId)
    .execute();
  return activeUserFrom(rows);
}
