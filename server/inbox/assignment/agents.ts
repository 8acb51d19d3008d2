import type { Database } from "../../db/database.js";
import { ROLE_PERMISSIONS, ROLES } from "../../identity/roles.js";

/** available: takes new conversations; away: at the desk but not now (or inactive); offline: gone. */
export const PRESENCES = ["available", "away", "offline"] as const;
export type Presence = (typeof PRESENCES)[number];

/** Most open conversations an agent holds before auto-assignment passes them by (a lead may change it). */
export const DEFAULT_CAPACITY = 10;
export const MAX_CAPACITY = 500;

/** An available agent with no activity in the inbox for this long is shown as away (presence_auto). */
export const AWAY_AFTER_MS = 10 * 60_000;

/** The roles that work the inbox (`inbox.work`): who may be assigned conversations. */
export const WORKING_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes("inbox.work"));

export interface AgentState {
  userId: string;
  presence: Presence;
  presenceAuto: boolean;
  capacity: number;
  lastActiveAt: string | null;
  lastAssignedAt: string | null;
}

export interface AgentView {
  id: string;
  name: string;
  presence: Presence;
  /** Away because of inactivity (activity makes the agent available again). */
  presenceAuto: boolean;
  capacity: number;
  /** Open conversations assigned to the agent. */
  load: number;
  lastActiveAt: string | null;
  teams: { id: string; name: string }[];
}

/** Agents who never set anything are offline with the default capacity. */
export const defaultState = (userId: string): AgentState => ({
  userId,
  presence: "offline",
  presenceAuto: false,
  capacity: DEFAULT_CAPACITY,
  lastActiveAt: null,
  lastAssignedAt: null,
});

export async function agentStates(db: Database, userIds: readonly string[]): Promise<Map<string, AgentState>> {
  const states = new Map(userIds.map((id) => [id, defaultState(id)]));
  if (userIds.length === 0) return states;
  const rows = await db
    .selectFrom("inbox_agents")
    .selectAll()
    .where("user_id", "in", [...userIds])
    .execute();
  for (const r of rows)
    states.set(r.user_id, {
      userId: r.user_id,
      presence: r.presence as Presence,
      presenceAuto: r.presence_auto === 1,
      capacity: r.capacity,
      lastActiveAt: r.last_active_at,
      lastAssignedAt: r.last_assigned_at,
    });
  return states;
}

/** Open conversations per assignee (the assignee index answers it). */
export async function loadsOf(db: Database, userIds: readonly string[]): Promise<Map<string, number>> {
  const loads = new Map(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return loads;
  const rows = await db
    .selectFrom("inbox_conversations")
    .select(["assignee_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("assignee_id", "in", [...userIds])
    .where("status", "=", "open")
    .groupBy("assignee_id")
    .execute();
  for (const r of rows) if (r.assignee_id) loads.set(r.assignee_id, Number(r.n));
  return loads;
}

/** Active users holding a role that works the inbox, optionally only a team's members. */
export async function workingUsers(db: Database, teamId?: string): Promise<{ id: string; name: string }[]> {
  let query = db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.id", "users.name"])
    .distinct()
    .where("users.disabled_at", "is", null)
    .where("user_roles.role", "in", [...WORKING_ROLES]);
  if (teamId)
    query = query.where("users.id", "in", (eb) =>
      eb.selectFrom("team_members").select("team_members.user_id").where("team_members.team_id", "=", teamId),
    );
  return query.orderBy("users.name").orderBy("users.id").execute();
}

export async function isWorkingUser(db: Database, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.id")
    .where("users.id", "=", userId)
    .where("users.disabled_at", "is", null)
    .where("user_roles.role", "in", [...WORKING_ROLES])
    .executeTakeFirst();
  return row !== undefined;
}

/** The agents with presence, capacity, load and teams: what manual assignment shows. */
export async function listAgents(db: Database, teamId?: string): Promise<AgentView[]> {
  const users = await workingUsers(db, teamId);
  const ids = users.map((u) => u.id);
  const [states, loads, memberships] = await Promise.all([
    agentStates(db, ids),
    loadsOf(db, ids),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("team_members")
          .innerJoin("teams", "teams.id", "team_members.team_id")
          .select(["team_members.user_id", "teams.id", "teams.name"])
          .where("team_members.user_id", "in", ids)
          .orderBy("teams.name")
          .execute(),
  ]);
  return users.map((u) => {
    const state = states.get(u.id) ?? defaultState(u.id);
    return {
      id: u.id,
      name: u.name,
      presence: state.presence,
      presenceAuto: state.presenceAuto,
      capacity: state.capacity,
      load: loads.get(u.id) ?? 0,
      lastActiveAt: state.lastActiveAt,
      teams: memberships.filter((m) => m.user_id === u.id).map((m) => ({ id: m.id, name: m.name })),
    };
  });
}

/**
 * Whether an agent may take one more conversation now: available, and under capacity. `holding`: the
 * conversation is already counted in the agent's load (a routing rule assigned it when it arrived).
 */
export async function canTake(db: Database, userId: string, holding = false): Promise<boolean> {
  if (!(await isWorkingUser(db, userId))) return false;
  const state = (await agentStates(db, [userId])).get(userId) ?? defaultState(userId);
  if (state.presence !== "available") return false;
  const load = (await loadsOf(db, [userId])).get(userId) ?? 0;
  return (holding ? load - 1 : load) < state.capacity;
}
