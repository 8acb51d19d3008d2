import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { assertNotLocked, clearLoginFailures, recordLoginFailure } from "./loginThrottle.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { createSession, type NewSession, type SessionSettings } from "./sessions.js";
import { findUserByEmail, normaliseEmail } from "./store.js";

const invalid = () => new AppError(401, "invalid_credentials", "Email or password is not correct.");

/**
 * Checks a password and opens a session. Unknown email and wrong password get
 * the same answer, after the same amount of work.
 */
export async function login(
  db: Database,
  settings: SessionSettings,
  input: { email: string; password: string },
  meta: { ip: string | null; userAgent: string | null; requestId: string | null },
): Promise<{ session: NewSession; userId: string }> {
  const email = normaliseEmail(input.email);
  await assertNotLocked(db, email, meta.ip);
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  const audit: AuditActor = { actorId: user?.id ?? null, actorLabel: email, ip: meta.ip, requestId: meta.requestId };
  if (!user?.password_hash || !ok) {
    await recordLoginFailure(db, email, meta.ip);
    await recordAudit(db, audit, {
      action: "auth.login_failed",
      ...(user ? { targetType: "user", targetId: user.id } : {}),
      summary: `Failed sign-in for ${email}`,
    });
    throw invalid();
  }
  if (user.disabled_at !== null) {
    throw new AppError(403, "account_disabled", "This account is disabled. Ask an administrator.");
  }
  await clearLoginFailures(db, email);
  return db.transaction().execute(async (trx) => {
    const session = await createSession(trx, settings, user.id, meta);
    await recordAudit(trx, audit, { action: "auth.login", targetType: "user", targetId: user.id, summary: `${email} signed in` });
    return { session, userId: user.id };
  });
}
