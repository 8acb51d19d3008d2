import type { Command } from "commander";
import { verifyAuditLog } from "../../server/audit/verify.js";
import { type CliOptions, withContext } from "../context.js";
import { say, warn } from "../io.js";

export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function registerAuditCommands(program: Command, options: CliOptions) {
  const audit = program.command("audit").description("the tamper-evident audit log");
  audit
    .command("verify")
    .description("check every event's hash chain; exits 1 and names the first bad event if anything was changed")
    .action(async () => {
      await withContext(options, async (ctx) => {
        const result = await verifyAuditLog(ctx.database.db);
        if (result.ok) {
          say(ctx.io, `Audit log intact: ${result.checked} event(s) verified.`);
          return;
        }
        warn(
          ctx.io,
          `Audit log TAMPERED: first bad event #${result.firstBad?.seq}: ${result.firstBad?.reason} (${result.checked} event(s) before it verified)`,
        );
        throw new ExitCode(1);
      });
    });
}
