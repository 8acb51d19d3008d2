import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { checkPasswordStrength, hashPassword, verifyPassword } from "./passwords.js";
import { revokeAllCredentials } from "./revokeCredentials.js";
import { findUserById } from "./store.js";

/**
 * Sets a user's password (an admin reset, or the CLI). Every other session
 * of that user ends, so a stolen session does not outlive a reset.
 */
export async function setPassword(
  db: Database,
  actor: AuditActor,
  userId: string,
  password: string,
  options: { keepSessionId?: string; action?: string } = {},
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound("User", "user_not_found");
  checkPasswordStrength(password, user.email);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
      .where("id", "=", userId)
      .execute();
    const except = options.keepSessionId ? { exceptSessionId: options.keepSessionId } : {};
    const revoked = await revokeAllCredentials(trx, userId, except);
    // A reset also clears a lockout, or the user could not use the new password.
    await trx.deleteFrom("login_attempts").where("key", "=", `email:${user.email}`).execute();
    await recordAudit(trx, actor, {
      action: options.action ?? "user.password_reset",
      targetType: "user",
      targetId: userId,
      summary: `Set a new password for ${user.email}; ended ${revoked.sessions} other session(s)`,
      changes: { sessionsRevoked: revoked.sessions },
    });
  });
}

/** A signed-in user changes their own password, proving the current one. */
export async function changeOwnPassword(
  db: Database,
  actor: AuditActor,
  userId: string,
  sessionId: string | undefined,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound("User", "user_not_found");
  if (!user.password_hash || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError(400, "wrong_current_password", "The current password is not correct.");
  }
  await setPassword(db, actor, userId, newPassword, {
    action: "user.password_changed",
    ...(sessionId ? { keepSessionId: sessionId } : {}),
  });
}
