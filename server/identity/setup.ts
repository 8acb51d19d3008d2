import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { createUser } from "./createUser.js";
import { randomToken, sha256 } from "./secrets.js";
import { countUsers, type UserView } from "./store.js";

export const SETUP_TOKEN_TTL_MS = 60 * 60_000;

/**
 * First run: with no users, a one-time token lets whoever can read the
 * server's output create the first admin. There is no default password.
 * Issuing a new token invalidates older unused ones.
 */
export async function issueSetupToken(db: Database): Promise<{ token: string; expiresAt: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const token = randomToken();
  const now = Date.now();
  const expiresAt = new Date(now + SETUP_TOKEN_TTL_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("setup_tokens").where("used_at", "is", null).execute();
    await trx
      .insertInto("setup_tokens")
      .values({
        id: randomUUID(),
        token_hash: sha256(token),
        created_at: new Date(now).toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
  });
  return { token, expiresAt };
}

export async function isSetupNeeded(db: Database): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/** Consumes the token and creates the first admin, in one transaction. */
export async function completeSetup(
  db: Database,
  actor: AuditActor,
  input: { token: string; email: string; name: string; password: string },
): Promise<UserView> {
  const claimed = await db.transaction().execute(async (trx) => {
    if ((await countUsers(trx)) > 0) {
      throw new AppError(409, "setup_already_done", "Switchboard is already set up. Sign in instead.");
    }
    const result = await trx
      .updateTable("setup_tokens")
      .set({ used_at: new Date().toISOString() })
      .where("token_hash", "=", sha256(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date().toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
  if (!claimed) {
    throw new AppError(400, "invalid_setup_token", "This setup link is invalid, used or expired.", {
      help: "Restart Switchboard or run `switchboard setup-url` to print a new one.",
    });
  }
  const user = await createUser(db, actor, { ...input, roles: ["admin"] });
  await recordAudit(
    db,
    { ...actor, actorId: user.id, actorLabel: user.email },
    {
      action: "setup.completed",
      targetType: "user",
      targetId: user.id,
      summary: `First admin ${user.email} created with the setup link`,
    },
  );
  return user;
}
