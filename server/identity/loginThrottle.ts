import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";

/**
 * Failed sign-ins are counted per email and per client address. Counting by
 * the email string (whether or not such a user exists) means a lockout
 * reveals nothing about which accounts exist.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
};

const keysFor = (email: string, ip: string | null) => [
  { key: `email:${email}`, max: THROTTLE.maxFailuresPerEmail },
  ...(ip ? [{ key: `ip:${ip}`, max: THROTTLE.maxFailuresPerIp }] : []),
];

/** Throws 429 while the email or the address is locked out. */
export async function assertNotLocked(db: Database, email: string, ip: string | null): Promise<void> {
  const keys = keysFor(email, ip).map((k) => k.key);
  const rows = await db.selectFrom("login_attempts").selectAll().where("key", "in", keys).execute();
  const now = Date.now();
  const locked = rows
    .filter((r) => r.locked_until !== null && Date.parse(r.locked_until) > now)
    .map((r) => Date.parse(r.locked_until as string));
  if (locked.length > 0) {
    const retryAfter = Math.ceil((Math.max(...locked) - now) / 1000);
    throw new AppError(429, "login_locked", "Too many failed sign-in attempts. Try again later.", {
      details: { retryAfterSeconds: retryAfter },
      headers: { "retry-after": String(retryAfter) },
    });
  }
}

export async function recordLoginFailure(db: Database, email: string, ip: string | null): Promise<void> {
  const now = Date.now();
  for (const { key, max } of keysFor(email, ip)) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("login_attempts").selectAll().where("key", "=", key).executeTakeFirst();
      const windowOpen = row && now - Date.parse(row.window_started_at) < THROTTLE.windowMs;
      const failures = windowOpen ? row.failures + 1 : 1;
      const values = {
        failures,
        window_started_at: windowOpen ? row.window_started_at : new Date(now).toISOString(),
        locked_until: failures >= max ? new Date(now + THROTTLE.lockMs).toISOString() : null,
      };
      if (row) await trx.updateTable("login_attempts").set(values).where("key", "=", key).execute();
      else
        await trx
          .insertInto("login_attempts")
          .values({ key, ...values })
          .execute();
    });
  }
}

export async function clearLoginFailures(db: Database, email: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("key", "=", `email:${email}`).execute();
}
