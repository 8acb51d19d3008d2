import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict } from "../errors.js";
import { checkPasswordStrength, hashPassword } from "./passwords.js";
import type { Role } from "./roles.js";
import { findUserByEmail, getUserView, normaliseEmail, type UserView } from "./store.js";

export interface CreateUserInput {
  email: string;
  name: string;
  roles: Role[];
  /** Optional: a user without a password cannot sign in until one is set. */
  password?: string | undefined;
}

/** Creates a user with roles; the email is the sign-in name and must be unique. */
export async function createUser(db: Database, actor: AuditActor, input: CreateUserInput): Promise<UserView> {
  const email = normaliseEmail(input.email);
  if (input.password !== undefined) checkPasswordStrength(input.password, email);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const roles = [...new Set(input.roles)].sort();
  const id = await db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) throw conflict("email_taken", "A user with this email already exists.");
    const id = randomUUID();
    const now = new Date().toISOString();
    await trx
      .insertInto("users")
      .values({ id, email, name: input.name.trim(), password_hash: passwordHash, disabled_at: null, created_at: now, updated_at: now })
      .execute();
    if (roles.length > 0) {
      await trx
        .insertInto("user_roles")
        .values(roles.map((role) => ({ user_id: id, role })))
        .execute();
    }
    await recordAudit(trx, actor, {
      action: "user.created",
      targetType: "user",
      targetId: id,
      summary: `Created user ${email} (${roles.join(", ") || "no roles"})`,
      changes: { email, name: input.name.trim(), roles, password: passwordHash ? "set" : "not set" },
    });
    return id;
  });
  const view = await getUserView(db, id);
  if (!view) throw new Error("user vanished after creation");
  return view;
}
