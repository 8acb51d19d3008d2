/**
 * Starts a real WordPress for a test (see runner.ts): in a child process on the Node 24 that
 * test/servers installs, whatever Node runs the tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NODE_24 = path.join(HERE, "..", "node_modules", "node", "bin", "node");
const RUNNER = path.join(HERE, "runner.ts");
/** The first run installs WordPress into the cache; later ones only boot it. */
const START_TIMEOUT_MS = 120_000;

export interface WordPressUser {
  username: string;
  role: "administrator" | "contributor";
  /** As WordPress shows it: groups of four letters separated by spaces. */
  applicationPassword: string;
}

export interface TestWordPress {
  url: string;
  wordpressVersion: string;
  /** An administrator (may publish, upload and delete). */
  admin: WordPressUser;
  /** A contributor: may write drafts, may not publish or upload. */
  contributor: WordPressUser;
  stop(): Promise<void>;
}

interface Ready {
  url: string;
  wordpressVersion: string;
  users: WordPressUser[];
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

export async function startWordPress(): Promise<TestWordPress> {
  const child = spawn(NODE_24, ["--disable-warning=ExperimentalWarning", RUNNER], {
    cwd: path.dirname(HERE),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString("utf8")).slice(-4000);
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`WordPress did not start within ${START_TIMEOUT_MS} ms. ${errors}`)), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as Ready);
      } catch {
        reject(new Error(`unexpected output from the WordPress runner: ${line}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the WordPress runner exited (${code}) before WordPress was ready: ${errors}`));
    });
  }).catch(async (error: unknown) => {
    child.kill("SIGTERM");
    await exited(child);
    throw error;
  });
  const user = (role: WordPressUser["role"]) => {
    const found = ready.users.find((u) => u.role === role);
    if (!found) throw new Error(`the WordPress snapshot has no ${role}`);
    return found;
  };
  return {
    url: ready.url,
    wordpressVersion: ready.wordpressVersion,
    admin: user("administrator"),
    contributor: user("contributor"),
    async stop() {
      child.stdin?.end();
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}
