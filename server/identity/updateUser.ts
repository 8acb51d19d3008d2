import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict, notFound } from "../errors.js";
import type { Role } from "./roles.js";
import { applyUserDisabled } from "./setUserDisabled.js";
import { countOtherActiveAdmins, findUserByEmail, findUserById, getUserView, normaliseEmail, rolesOf, type UserView } from "./store.js";

export interface UpdateUserInput {
  email?: string | undefined;
  name?: string | undefined;
  roles?: Role[] | undefined;
  /** Disabling also ends the user's sessions and tokens (see setUserDisabled). */
  disabled?: boolean | undefined;
}

/**
 * Changes a user's profile, roles and status in one transaction; refuses to
 * remove the last active admin.
 */
export async function updateUser(db: Database, actor: AuditActor, id: string, input: UpdateUserInput): Promise<UserView> {
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user) throw notFound("User", "user_not_found");
    const changes: Record<string, [unknown, unknown]> = {};
    const patch: { email?: string; name?: string } = {};
    if (input.email !== undefined && normaliseEmail(input.email) !== user.email) {
      const email = normaliseEmail(input.email);
      if (await findUserByEmail(trx, email)) throw conflict("email_taken", "A user with this email already exists.");
      patch.email = email;
      changes.email = [user.email, email];
    }
    if (input.name !== undefined && input.name.trim() !== user.name) {
      patch.name = input.name.trim();
      changes.name = [user.name, patch.name];
    }
    if (input.roles !== undefined) {
      const before = await rolesOf(trx, id);
      const after = [...new Set(input.roles)].sort();
      if (before.join() !== after.join()) {
        if (before.includes("admin") && !after.includes("admin") && user.disabled_at === null) {
          if ((await countOtherActiveAdmins(trx, id)) === 0) {
            throw conflict("last_admin", "This is the last active admin; make someone else an admin first.");
          }
        }
        await trx.deleteFrom("user_roles").where("user_id", "=", id).execute();
        if (after.length > 0)
          await trx
            .insertInto("user_roles")
            .values(after.map((role) => ({ user_id: id, role })))
            .execute();
        changes.roles = [before, after];
      }
    }
    if (Object.keys(changes).length > 0) {
      await trx
        .updateTable("users")
        .set({ ...patch, updated_at: new Date().toISOString() })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, actor, {
        action: "user.updated",
        targetType: "user",
        targetId: id,
        summary: `Updated ${patch.email ?? user.email}: ${Object.keys(changes).join(", ")}`,
        changes,
      });
    }
    if (input.disabled !== undefined) await applyUserDisabled(trx, actor, id, input.disabled);
  });
  const view = await getUserView(db, id);
  if (!view) throw notFound("User", "user_not_found");
  return view;
}
