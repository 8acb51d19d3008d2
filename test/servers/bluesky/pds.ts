import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** An account the PDS was started with: its login password (to manage app passwords) and an app password for Switchboard. */
export interface PdsAccount {
  name: string;
  handle: string;
  email: string;
  did: string;
  password: string;
  appPassword: string;
}

export interface BlueskyPds {
  /** The PDS's address, e.g. http://localhost:41234. */
  url: string;
  /** alice publishes; bob is someone to mention. */
  alice: PdsAccount;
  bob: PdsAccount;
  /** Moves the PDS's clock forward: its tokens age as if `ms` had passed (the test's own clock is untouched). */
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** A PDS with Bluesky's AppView behind it (notifications, search, threads), as dev-env's TestNetwork runs them. */
export interface BlueskyNetwork extends BlueskyPds {
  /** The AppView's own address (the PDS forwards app.bsky.* calls to it). */
  appViewUrl: string;
  /** Resolves once the AppView has indexed everything written to the PDS so far. */
  processAll(): Promise<void>;
}

/** @atproto/dev-env needs Node >= 22; test/servers installs Node 24 for it, whatever Node runs the tests. */
const NODE_24 = fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url));
const RUNNER = fileURLToPath(new URL("./pds.mjs", import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

const running = new Set<ChildProcess>();
// Belt and braces: the runner also stops when its stdin closes, which happens however this process ends.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts a real PDS, its PLC directory and Bluesky's AppView in a child process (about 3 s on an idle machine; the
 * AppView migrates fresh schemas each time). The AppView needs PostgreSQL: it gets schemas of its own in the
 * database at `postgresUrl`, dropped when the network stops. Start one per test file.
 */
export async function startBlueskyNetwork(options: { postgresUrl: string }): Promise<BlueskyNetwork> {
  // Letters and _ only: bsync refuses anything else in a schema name.
  const schema = `sbnet_${[...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;
  const dropSchemas = async () => {
    const client = new pg.Client({ connectionString: options.postgresUrl });
    await client.connect();
    try {
      for (const prefix of ["appview", "bsync", "ozone"]) await client.query(`DROP SCHEMA IF EXISTS ${prefix}_${schema} CASCADE`);
    } finally {
      await client.end();
    }
  };
  const started = await startRunner(["--appview"], { BSKY_APPVIEW_POSTGRES_URL: options.postgresUrl, BSKY_APPVIEW_SCHEMA: schema }).catch(
    async (error: unknown) => {
      // Whatever the AppView had migrated before the start failed goes too.
      await dropSchemas().catch(() => {});
      throw error;
    },
  );
  if (!started.appViewUrl) {
    await started.pds.stop();
    await dropSchemas();
    throw new Error("the Bluesky runner started no AppView");
  }
  return {
    ...started.pds,
    appViewUrl: started.appViewUrl,
    processAll: () => started.command("processAll"),
    async stop() {
      await started.pds.stop();
      await dropSchemas();
    },
  };
}

/** Starts a real PDS (and its PLC directory) in a child process; resolves once its accounts exist. */
export async function startBlueskyPds(options: { rateLimits?: boolean } = {}): Promise<BlueskyPds> {
  return (await startRunner(options.rateLimits ? ["--rate-limits"] : [], {})).pds;
}

async function startRunner(args: string[], extraEnv: Record<string, string>) {
  const { NODE_OPTIONS: _vitestHooks, ...env } = process.env;
  const child = spawn(NODE_24, [RUNNER, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...env, ...extraEnv },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const lines = readLines(child);
  try {
    const started = JSON.parse(await lines.next()) as { url: string; appViewUrl: string | null; accounts: PdsAccount[] };
    const account = (name: string) => {
      const found = started.accounts.find((a) => a.name === name);
      if (!found) throw new Error(`the PDS runner did not create ${name}`);
      return found;
    };
    // One command at a time: each answer is the next line.
    let queue: Promise<unknown> = Promise.resolve();
    const command = (name: string, fields: Record<string, unknown> = {}) => {
      const run = queue.then(async () => {
        child.stdin?.write(`${JSON.stringify({ command: name, ...fields })}\n`);
        const answer = JSON.parse(await lines.next()) as { done?: string; error?: string };
        if (answer.done !== name) throw new Error(`the PDS runner refused ${name}: ${answer.error}`);
      });
      queue = run.catch(() => {});
      return run;
    };
    const pds: BlueskyPds = {
      url: started.url,
      alice: account("alice"),
      bob: account("bob"),
      advanceClock: (ms) => command("advanceClock", { ms }),
      stop,
    };
    return { pds, appViewUrl: started.appViewUrl, command };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The runner's stdout, one line per `next()`; fails with the runner's stderr if it dies or stays silent. */
function readLines(child: ChildProcess) {
  const queued: string[] = [];
  const waiting: { resolve(line: string): void; reject(error: Error): void; timer: NodeJS.Timeout }[] = [];
  let stderr = "";
  let ended: string | undefined;
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  if (child.stdout)
    createInterface({ input: child.stdout }).on("line", (line) => {
      const next = waiting.shift();
      if (!next) return void queued.push(line);
      clearTimeout(next.timer);
      next.resolve(line);
    });
  const failAll = (reason: string) => {
    ended = reason;
    for (const w of waiting.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new Error(`${reason}\n${stderr.slice(-4000)}`));
    }
  };
  child.once("error", (error) => failAll(`the Bluesky PDS could not be started: ${error.message}`));
  child.once("exit", (code, signal) => failAll(`the Bluesky PDS exited (${signal ?? code})`));
  return {
    next(): Promise<string> {
      const line = queued.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.reject(new Error(`${ended}\n${stderr.slice(-4000)}`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the Bluesky PDS did not answer within ${START_TIMEOUT_MS} ms\n${stderr}`)),
          START_TIMEOUT_MS,
        );
        waiting.push({ resolve, reject, timer });
      });
    },
  };
}
