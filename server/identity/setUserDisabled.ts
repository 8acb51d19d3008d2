import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict, notFound } from "../errors.js";
import { revokeAllCredentials } from "./revokeCredentials.js";
import { countOtherActiveAdmins, findUserById, getUserView, rolesOf, type UserView } from "./store.js";

/**
 * Disables or re-enables a user. Disabling signs them out everywhere and
 * revokes their API tokens in the same transaction.
 */
export async function setUserDisabled(db: Database, actor: AuditActor, id: string, disabled: boolean): Promise<UserView> {
  await db.transaction().execute((trx) => applyUserDisabled(trx, actor, id, disabled));
  const view = await getUserView(db, id);
  if (!view) throw notFound("User", "user_not_found");
  return view;
}

/** The change itself, for callers that already hold a transaction. */
export async function applyUserDisabled(trx: Database, actor: AuditActor, id: string, disabled: boolean): Promise<void> {
  const user = await findUserById(trx, id);
  if (!user) throw notFound("User", "user_not_found");
  if ((user.disabled_at !== null) === disabled) return;
  if (disabled && (await rolesOf(trx, id)).includes("admin") && (await countOtherActiveAdmins(trx, id)) === 0) {
    throw conflict("last_admin", "This is the last active admin; make someone else an admin first.");
  }
  const now = new Date().toISOString();
  await trx
    .updateTable("users")
    .set({ disabled_at: disabled ? now : null, updated_at: now })
    .where("id", "=", id)
    .execute();
  const revoked = disabled ? await revokeAllCredentials(trx, id) : { sessions: 0, tokens: 0 };
  await recordAudit(trx, actor, {
    action: disabled ? "user.disabled" : "user.enabled",
    targetType: "user",
    targetId: id,
    summary: disabled
      ? `Disabled ${user.email}; revoked ${revoked.sessions} session(s) and ${revoked.tokens} API token(s)`
      : `Re-enabled ${user.email}`,
    changes: { disabled: [!disabled, disabled], ...revoked },
  });
}
