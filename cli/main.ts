import { Command, CommanderError } from "commander";
import { VERSION } from "../server/app.js";
import { ConfigError } from "../server/config.js";
import { AppError } from "../server/errors.js";
import { ExitCode, registerAuditCommands } from "./commands/audit.js";
import { registerLintCommands } from "./commands/lint.js";
import { registerServerCommands } from "./commands/server.js";
import { registerUserCommands } from "./commands/users.js";
import { registerVaultCommands } from "./commands/vault.js";
import { registerWorkerCommands } from "./commands/worker.js";
import type { CliOptions } from "./context.js";
import { processIo, warn } from "./io.js";

/** Runs the `switchboard` command; returns the exit code instead of exiting (tests call it). */
export async function runCli(argv: string[], options: CliOptions = { io: processIo() }): Promise<number> {
  const { io } = options;
  const program = new Command("switchboard")
    .description("Switchboard: the organisation's social media, run from one place")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerServerCommands(program, options);
  registerUserCommands(program, options);
  registerAuditCommands(program, options);
  registerVaultCommands(program, options);
  registerWorkerCommands(program, options);
  registerLintCommands(program, options);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      warn(io, err.message);
      return 2;
    }
    if (err instanceof AppError) {
      warn(io, `Error (${err.code}): ${err.message}`);
      return 1;
    }
    warn(io, `Error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
