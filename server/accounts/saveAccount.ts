import { randomUUID } from "node:crypto";
import { findNetwork } from "../../connectors/registry.js";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import type { AccountsTable } from "../db/schema.js";
import { AppError, conflict, notFound } from "../errors.js";
import { normaliseHandle } from "./model.js";
import type { AccountInputType } from "./schema.js";

type AccountFields = Omit<
  AccountsTable,
  | "id"
  | "created_at"
  | "updated_at"
  | "connection_status"
  | "external_id"
  | "connected_at"
  | "token_expires_at"
  | "last_success_at"
  | "last_error"
  | "last_error_at"
>;

const FIELD_NAMES: Record<keyof AccountInputType, keyof AccountFields> = {
  network: "network",
  handle: "handle",
  url: "url",
  displayName: "display_name",
  ownerId: "owner_id",
  teamId: "team_id",
  purpose: "purpose",
  audience: "audience",
  status: "status",
  twoFactor: "two_factor",
  recoveryContact: "recovery_contact",
  notes: "notes",
  lastActivityAt: "last_activity_at",
};

/** Checks references and turns API input into column values. */
async function toColumns(db: Database, input: Partial<AccountInputType>): Promise<Partial<AccountFields>> {
  const columns: Partial<Record<keyof AccountFields, unknown>> = {};
  for (const [key, value] of Object.entries(input) as [keyof AccountInputType, unknown][]) {
    if (value === undefined) continue;
    columns[FIELD_NAMES[key]] = value;
  }
  if (input.network !== undefined) {
    const network = findNetwork(input.network);
    if (!network) throw new AppError(400, "unknown_network", `Unknown network "${input.network}".`);
    columns.network = network.id;
  }
  if (input.handle !== undefined) {
    columns.handle = input.handle.trim();
    columns.handle_key = normaliseHandle(input.handle);
  }
  if (input.lastActivityAt) columns.last_activity_at = new Date(input.lastActivityAt).toISOString();
  if (input.ownerId) {
    const owner = await db.selectFrom("users").select("id").where("id", "=", input.ownerId).executeTakeFirst();
    if (!owner) throw new AppError(400, "unknown_owner", "The owner is not a user.");
  }
  if (input.teamId) {
    const team = await db.selectFrom("teams").select("id").where("id", "=", input.teamId).executeTakeFirst();
    if (!team) throw new AppError(400, "unknown_team", "The team does not exist.");
  }
  return columns as Partial<AccountFields>;
}

async function assertUnique(db: Database, network: string, handleKey: string, exceptId?: string) {
  let query = db.selectFrom("accounts").select("id").where("network", "=", network).where("handle_key", "=", handleKey);
  if (exceptId) query = query.where("id", "!=", exceptId);
  if (await query.executeTakeFirst()) throw conflict("account_exists", "This account is already in the inventory.");
}

/** Records a presence on a network in the inventory. Runs inside the caller's transaction. */
export async function createAccountIn(trx: Database, actor: AuditActor, input: AccountInputType): Promise<string> {
  const columns = await toColumns(trx, input);
  const network = columns.network as string;
  const handleKey = columns.handle_key as string;
  await assertUnique(trx, network, handleKey);
  const id = randomUUID();
  const now = new Date().toISOString();
  await trx
    .insertInto("accounts")
    .values({
      id,
      network,
      handle: columns.handle as string,
      handle_key: handleKey,
      url: columns.url ?? null,
      display_name: columns.display_name ?? "",
      owner_id: columns.owner_id ?? null,
      team_id: columns.team_id ?? null,
      purpose: columns.purpose ?? "",
      audience: columns.audience ?? "",
      status: columns.status ?? "active",
      two_factor: columns.two_factor ?? "unknown",
      recovery_contact: columns.recovery_contact ?? "",
      notes: columns.notes ?? "",
      last_activity_at: columns.last_activity_at ?? null,
      connection_status: "not_connected",
      external_id: null,
      connected_at: null,
      token_expires_at: null,
      last_success_at: null,
      last_error: null,
      last_error_at: null,
      refresh_lock_owner: null,
      refresh_lock_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordAudit(trx, actor, {
    action: "account.created",
    targetType: "account",
    targetId: id,
    summary: `Added ${network} account ${columns.handle} to the inventory`,
    changes: columns,
  });
  return id;
}

export async function createAccount(db: Database, actor: AuditActor, input: AccountInputType): Promise<string> {
  return db.transaction().execute((trx) => createAccountIn(trx, actor, input));
}

/** Changes inventory fields; records what changed from what. Runs inside the caller's transaction. */
/** Returns whether anything changed. */
export async function updateAccountIn(trx: Database, actor: AuditActor, id: string, input: Partial<AccountInputType>): Promise<boolean> {
  const before = await trx.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw notFound("Account", "account_not_found");
  const columns = await toColumns(trx, input);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(columns) as [keyof AccountFields, unknown][]) {
    if (key === "handle_key") continue;
    if (before[key] !== value) changes[key] = [before[key], value];
  }
  if (Object.keys(changes).length === 0) return false;
  if (changes.network || changes.handle) {
    await assertUnique(trx, (columns.network ?? before.network) as string, (columns.handle_key ?? before.handle_key) as string, id);
  }
  await trx
    .updateTable("accounts")
    .set({ ...columns, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
  await recordAudit(trx, actor, {
    action: "account.updated",
    targetType: "account",
    targetId: id,
    summary: `Updated ${before.network} account ${before.handle}: ${Object.keys(changes).join(", ")}`,
    changes,
  });
  return true;
}

export async function updateAccount(db: Database, actor: AuditActor, id: string, input: Partial<AccountInputType>): Promise<void> {
  await db.transaction().execute((trx) => updateAccountIn(trx, actor, id, input));
}
