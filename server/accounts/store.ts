import { findNetwork } from "../../connectors/registry.js";
import type { Database } from "../db/database.js";
import type { AccountsTable } from "../db/schema.js";
import { type AccountHealth, accountHealth, type HealthLevel } from "./health.js";
import type { AccountStatus, ConnectionState, GrantPermission, GrantSubject, TwoFactorState } from "./model.js";

export interface AccountSummary {
  id: string;
  network: string;
  networkName: string;
  handle: string;
  url: string | null;
  displayName: string;
  owner: { id: string; name: string; email: string } | null;
  team: { id: string; name: string } | null;
  status: AccountStatus;
  twoFactor: TwoFactorState;
  connectionStatus: ConnectionState;
  lastActivityAt: string | null;
  health: AccountHealth;
}

export interface AccountFilter {
  q?: string | undefined;
  network?: string | undefined;
  status?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  health?: HealthLevel | undefined;
}

const baseQuery = (db: Database) =>
  db
    .selectFrom("accounts")
    .leftJoin("users", "users.id", "accounts.owner_id")
    .leftJoin("teams", "teams.id", "accounts.team_id")
    .selectAll("accounts")
    .select(["users.name as owner_name", "users.email as owner_email", "teams.name as team_name"]);

type JoinedAccount = AccountsTable & { owner_name: string | null; owner_email: string | null; team_name: string | null };

export function presentSummary(row: JoinedAccount): AccountSummary {
  return {
    id: row.id,
    network: row.network,
    networkName: findNetwork(row.network)?.name ?? row.network,
    handle: row.handle,
    url: row.url,
    displayName: row.display_name,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? "", email: row.owner_email ?? "" } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? "" } : null,
    status: row.status as AccountStatus,
    twoFactor: row.two_factor as TwoFactorState,
    connectionStatus: row.connection_status as ConnectionState,
    lastActivityAt: row.last_activity_at,
    health: accountHealth(row),
  };
}

export async function listAccounts(db: Database, f: AccountFilter = {}): Promise<AccountSummary[]> {
  let query = baseQuery(db).orderBy("accounts.network").orderBy("accounts.handle_key");
  if (f.network) query = query.where("accounts.network", "=", f.network);
  if (f.status) query = query.where("accounts.status", "=", f.status);
  if (f.ownerId) query = query.where("accounts.owner_id", "=", f.ownerId);
  if (f.teamId) query = query.where("accounts.team_id", "=", f.teamId);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb("accounts.handle_key", "like", like),
        eb(eb.fn("lower", ["accounts.display_name"]), "like", like),
        eb(eb.fn("lower", ["accounts.purpose"]), "like", like),
      ]),
    );
  }
  const rows = (await query.execute()) as JoinedAccount[];
  const all = rows.map(presentSummary);
  return f.health ? all.filter((a) => a.health.level === f.health) : all;
}

export async function findAccountRow(db: Database, id: string): Promise<JoinedAccount | undefined> {
  return (await baseQuery(db).where("accounts.id", "=", id).executeTakeFirst()) as JoinedAccount | undefined;
}

export interface GrantView {
  subjectType: GrantSubject;
  subjectId: string;
  subjectName: string;
  permissions: GrantPermission[];
}

/** Grants on an account, one entry per person or team, with their names. */
export async function listGrants(db: Database, accountId: string): Promise<GrantView[]> {
  const rows = await db
    .selectFrom("account_grants")
    .leftJoin("users", (join) => join.onRef("users.id", "=", "account_grants.subject_id").on("account_grants.subject_type", "=", "user"))
    .leftJoin("teams", (join) => join.onRef("teams.id", "=", "account_grants.subject_id").on("account_grants.subject_type", "=", "team"))
    .select([
      "account_grants.subject_type",
      "account_grants.subject_id",
      "account_grants.permission",
      "users.name as user_name",
      "users.email as user_email",
      "teams.name as team_name",
    ])
    .where("account_grants.account_id", "=", accountId)
    .execute();
  const bySubject = new Map<string, GrantView>();
  for (const r of rows) {
    const key = `${r.subject_type}:${r.subject_id}`;
    const view = bySubject.get(key) ?? {
      subjectType: r.subject_type as GrantSubject,
      subjectId: r.subject_id,
      subjectName: (r.subject_type === "team" ? r.team_name : (r.user_name ?? r.user_email)) ?? "(removed)",
      permissions: [],
    };
    view.permissions.push(r.permission as GrantPermission);
    bySubject.set(key, view);
  }
  return [...bySubject.values()].sort((a, b) => a.subjectName.localeCompare(b.subjectName));
}
