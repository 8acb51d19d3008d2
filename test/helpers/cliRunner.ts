import { Readable, Writable } from "node:stream";
import { runCli } from "../../cli/main.js";
import type { DatabaseHandle } from "../../server/db/database.js";

/** Runs the CLI in-process against a test database and captures its output. */
export async function cli(
  database: DatabaseHandle & { dataDir: string },
  args: string[],
  input = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Plain writables that append synchronously: a PassThrough may emit its data after runCli returns.
  let out = "";
  let err = "";
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += chunk;
      done();
    },
  });
  const stderr = new Writable({
    write(chunk, _encoding, done) {
      err += chunk;
      done();
    },
  });
  const stdin = Readable.from([input]) as Readable & { isTTY?: boolean };
  const code = await runCli(args, {
    io: { stdout, stderr, stdin, env: { DATA_DIR: database.dataDir, LOG_LEVEL: "silent", USER: "test-operator" } },
    database,
  });
  return { code, stdout: out, stderr: err };
}
