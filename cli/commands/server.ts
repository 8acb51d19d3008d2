import type { Command } from "commander";
import { migrateToLatest } from "../../server/db/migrate.js";
import { issueSetupToken } from "../../server/identity/setup.js";
import { type CliOptions, withContext } from "../context.js";
import { say } from "../io.js";

export function registerServerCommands(program: Command, options: CliOptions) {
  program
    .command("migrate")
    .description("bring the database schema up to date (also done at every start)")
    .action(async () => {
      await withContext(options, async (ctx) => {
        const applied = await migrateToLatest(ctx.database);
        say(ctx.io, applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
      });
    });

  program
    .command("setup-url")
    .description("print a new one-time link to create the first admin (only while there are no users)")
    .action(async () => {
      await withContext(options, async (ctx) => {
        const setup = await issueSetupToken(ctx.database.db);
        if (!setup) {
          say(ctx.io, "Switchboard already has users; sign in, or use `switchboard users create`.");
          return;
        }
        say(ctx.io, `${ctx.config.baseUrl}/setup#token=${setup.token}`);
        say(ctx.io, `Valid once, until ${setup.expiresAt}.`);
      });
    });

  program
    .command("start")
    .description("start the server (the same as `npm start` without the build)")
    .action(async () => {
      const { startServer } = await import("../../server/start.js");
      await startServer();
      // The HTTP server keeps the process alive until a signal stops it.
      await new Promise(() => undefined);
    });
}
