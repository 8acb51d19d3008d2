import type { Command } from "commander";
import { cliActor } from "../../server/audit/context.js";
import { AppError } from "../../server/errors.js";
import { createUser } from "../../server/identity/createUser.js";
import { ROLES, type Role } from "../../server/identity/roles.js";
import { randomToken } from "../../server/identity/secrets.js";
import { setPassword } from "../../server/identity/setPassword.js";
import { setUserDisabled } from "../../server/identity/setUserDisabled.js";
import { findUserByEmail, listUsers } from "../../server/identity/store.js";
import { offboardUser } from "../../server/offboarding/offboardUser.js";
import { type CliOptions, withContext } from "../context.js";
import { type CliIo, promptHidden, readStdin, say } from "../io.js";

async function obtainPassword(io: CliIo, opts: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (opts.passwordStdin) return { password: await readStdin(io), generated: false };
  if (io.stdin.isTTY) {
    const password = await promptHidden(io, "Password (at least 12 characters): ");
    const again = await promptHidden(io, "Repeat password: ");
    if (password !== again) throw new AppError(400, "password_mismatch", "The passwords do not match.");
    return { password, generated: false };
  }
  // Not a terminal and no --password-stdin: generate one and show it once.
  return { password: randomToken(18), generated: true };
}

async function userByEmail(ctx: { database: { db: Parameters<typeof findUserByEmail>[0] } }, email: string) {
  const user = await findUserByEmail(ctx.database.db, email);
  if (!user) throw new AppError(404, "user_not_found", `No user with email ${email}.`);
  return user;
}

const collectRole = (value: string, previous: Role[]) => {
  if (!(ROLES as readonly string[]).includes(value))
    throw new AppError(400, "unknown_role", `Unknown role ${value}; roles: ${ROLES.join(", ")}`);
  return [...previous, value as Role];
};

export function registerUserCommands(program: Command, options: CliOptions) {
  const users = program.command("users").description("manage users");

  users
    .command("create")
    .description("create a user (prompts for a password, or reads it with --password-stdin)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--name <name>", "display name")
    .option("--role <role>", `a role (repeatable): ${ROLES.join(", ")}`, collectRole, [] as Role[])
    .option("--password-stdin", "read the password from standard input")
    .action(async (opts: { email: string; name: string; role: Role[]; passwordStdin?: boolean }) => {
      await withContext(options, async (ctx) => {
        const { password, generated } = await obtainPassword(ctx.io, opts);
        const user = await createUser(ctx.database.db, cliActor(ctx.io.env.USER), {
          email: opts.email,
          name: opts.name,
          roles: opts.role,
          password,
        });
        say(ctx.io, `Created ${user.email} (${user.roles.join(", ") || "no roles"})`);
        if (generated) say(ctx.io, `Generated password (shown once): ${password}`);
      });
    });

  users
    .command("reset-password <email>")
    .description("set a new password and end the user's sessions")
    .option("--password-stdin", "read the password from standard input")
    .action(async (email: string, opts: { passwordStdin?: boolean }) => {
      await withContext(options, async (ctx) => {
        const user = await userByEmail(ctx, email);
        const { password, generated } = await obtainPassword(ctx.io, opts);
        await setPassword(ctx.database.db, cliActor(ctx.io.env.USER), user.id, password);
        say(ctx.io, `Password reset for ${user.email}; their sessions were ended.`);
        if (generated) say(ctx.io, `Generated password (shown once): ${password}`);
      });
    });

  for (const [name, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    users
      .command(`${name} <email>`)
      .description(disabled ? "disable a user: signs them out and revokes their API tokens" : "re-enable a disabled user")
      .action(async (email: string) => {
        await withContext(options, async (ctx) => {
          const user = await userByEmail(ctx, email);
          await setUserDisabled(ctx.database.db, cliActor(ctx.io.env.USER), user.id, disabled);
          say(ctx.io, `${disabled ? "Disabled" : "Enabled"} ${user.email}`);
        });
      });
  }

  users
    .command("offboard <email>")
    .description("sign out, revoke tokens and grants, hand their accounts to a successor, and print what to remove on each network")
    .option("--reassign-to <email>", "who takes over the accounts they own")
    .action(async (email: string, opts: { reassignTo?: string }) => {
      await withContext(options, async (ctx) => {
        const user = await userByEmail(ctx, email);
        const successor = opts.reassignTo ? await userByEmail(ctx, opts.reassignTo) : null;
        const result = await offboardUser(ctx.database.db, cliActor(ctx.io.env.USER), user.id, successor?.id ?? null);
        say(ctx.io, `Offboarded ${result.userEmail}.`);
        for (const line of result.summary) say(ctx.io, `  - ${line}`);
        if (result.checklist.length === 0) {
          say(ctx.io, "Nothing is left to remove on the networks.");
          return;
        }
        say(ctx.io, `Still to do by hand on the networks (${result.checklist.length}):`);
        for (const item of result.checklist) say(ctx.io, `  [ ] ${item.title}`);
      });
    });

  users
    .command("list")
    .description("list users")
    .action(async () => {
      await withContext(options, async (ctx) => {
        for (const u of await listUsers(ctx.database.db)) {
          say(ctx.io, `${u.email}\t${u.name}\t${u.roles.join(",") || "-"}\t${u.disabled ? "disabled" : "active"}`);
        }
      });
    });
}
