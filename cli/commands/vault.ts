import type { Command } from "commander";
import { cliActor } from "../../server/audit/context.js";
import { Keyring } from "../../server/vault/keyring.js";
import { reencryptAll } from "../../server/vault/rotateKey.js";
import { type CliOptions, withContext } from "../context.js";
import { say, warn } from "../io.js";

export function registerVaultCommands(program: Command, options: CliOptions) {
  const vault = program.command("vault").description("the encrypted credential store");
  vault
    .command("rotate-key")
    .description("make a new master key active and re-encrypt every stored credential under it, while Switchboard keeps running")
    .action(async () => {
      await withContext(options, async (ctx) => {
        const { keyring } = Keyring.open(ctx.config.vault);
        if (keyring.managedFile) {
          const fresh = keyring.rotateManagedKey();
          say(
            ctx.io,
            `New master key ${fresh.id} is active in ${keyring.managedFile}; earlier keys stay there to decrypt until you remove them.`,
          );
        } else {
          say(ctx.io, `Master key ${keyring.active().id} (VAULT_KEY) is active; re-encrypting what VAULT_PREVIOUS_KEYS still decrypt.`);
        }
        const terminal = (ctx.io.stdout as { isTTY?: boolean }).isTTY === true;
        const started = Date.now();
        const result = await reencryptAll(ctx.database.db, keyring, cliActor(ctx.io.env.USER), ({ done, total }) => {
          const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
          const eta = Math.ceil((total - done) / Math.max(rate, 1));
          if (terminal) ctx.io.stdout.write(`\r  ${done}/${total} re-encrypted, about ${eta}s left   `);
          else say(ctx.io, `re-encrypted ${done}/${total}`);
        });
        if (terminal) say(ctx.io);
        say(ctx.io, `Re-encrypted ${result.reencrypted} credential(s) under key ${result.activeKeyId}.`);
        if (!keyring.managedFile)
          warn(ctx.io, "Once every server runs with the new VAULT_KEY, remove the old key from VAULT_PREVIOUS_KEYS.");
      });
    });
}
