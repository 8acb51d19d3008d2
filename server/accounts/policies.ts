import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { expandGrant, type GrantPermission } from "./model.js";

/**
 * What an actor may do with one account. Admins and social leads
 * (accounts.manage) may do everything; the owner manages their account;
 * everyone else has what grants give them, directly or through a team.
 */
export async function accountPermissionsOf(
  db: Database,
  actor: Actor,
  account: { id: string; owner_id: string | null },
): Promise<Set<GrantPermission>> {
  if (actor.permissions.has("accounts.manage") || account.owner_id === actor.user.id) return expandGrant(["manage"]);
  const rows = await db
    .selectFrom("account_grants")
    .select("permission")
    .where("account_id", "=", account.id)
    .where((eb) =>
      eb.or([
        eb.and([eb("subject_type", "=", "user"), eb("subject_id", "=", actor.user.id)]),
        eb.and([
          eb("subject_type", "=", "team"),
          eb("subject_id", "in", eb.selectFrom("team_members").select("team_id").where("user_id", "=", actor.user.id)),
        ]),
      ]),
    )
    .execute();
  // A token acts only within its scopes: without accounts.read it sees nothing.
  if (!actor.permissions.has("accounts.read")) return new Set();
  return expandGrant(rows.map((r) => r.permission as GrantPermission));
}

export async function authorizeOnAccount(
  db: Database,
  actor: Actor,
  account: { id: string; owner_id: string | null },
  permission: GrantPermission,
): Promise<Set<GrantPermission>> {
  const granted = await accountPermissionsOf(db, actor, account);
  if (!granted.has(permission)) throw forbidden(`You need "${permission}" access to this account.`);
  return granted;
}
