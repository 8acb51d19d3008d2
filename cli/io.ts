import { createInterface } from "node:readline";
import type { Writable } from "node:stream";

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

export const say = (io: CliIo, line = "") => io.stdout.write(`${line}\n`);
export const warn = (io: CliIo, line: string) => io.stderr.write(`${line}\n`);

/** Reads all of stdin (for `--password-stdin`), trimming the final newline. */
export async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Asks for a password on a terminal without echoing it. */
export async function promptHidden(io: CliIo, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  const output = io.stderr as Writable & { write: (s: string) => boolean };
  const rlAny = rl as unknown as { _writeToOutput: (s: string) => void };
  rlAny._writeToOutput = (s: string) => {
    if (s.includes(question)) output.write(s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      output.write("\n");
      resolve(answer);
    });
  });
}
