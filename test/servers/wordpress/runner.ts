// A real WordPress (WordPress Playground: PHP compiled to WebAssembly, SQLite) for Switchboard's tests.
//
// Run by test/servers/node_modules/node/bin/node, which strips the types: the Playground's PHP runtime
// needs Node >= 24.18 while the suite also runs on Node 20, so tests start this file in a child process
// (see startWordPress.ts). Everything comes from npm packages installed in test/servers: WordPress from
// @wp-playground/wordpress-builds, PHP and the SQLite integration from the Playground CLI's dependencies.
// Nothing is downloaded.
//
// The first run installs WordPress once into a snapshot under the system's temp folder (a few seconds);
// every run boots the snapshot with a copy of its wp-content (database, uploads) of its own. It prints one
// JSON line ({ url, wordpressVersion, users }) when the site answers, and runs until its stdin closes or it gets SIGTERM; stdin
// closes when the parent exits for any reason, so the site never outlives the test run.
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, openAsBlob, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { decodeZip } from "@php-wasm/stream-compression";
import * as playgroundCli from "@wp-playground/cli";

/**
 * The part of the Playground CLI's API used here. Its own declarations re-export without file extensions,
 * which TypeScript's NodeNext resolution does not follow, so they are restated.
 */
interface RunCLIServer {
  serverUrl: string;
  playground: { run(request: { code: string }): Promise<{ text: string }> };
  [Symbol.asyncDispose](): Promise<void>;
}
type Mount = { hostPath: string; vfsPath: string };
const { runCLI } = playgroundCli as unknown as {
  runCLI(args: {
    command: "server";
    php: string;
    port: number;
    workers: number;
    verbosity: "quiet" | "normal" | "debug";
    intl: boolean;
    "mount-before-install": Mount[];
    wordpressInstallMode: string;
    define: Record<string, string>;
    "define-bool": Record<string, boolean>;
  }): Promise<RunCLIServer>;
};

interface TestUser {
  username: string;
  role: string;
  applicationPassword: string;
}

const require = createRequire(import.meta.url);
const BUILDS = path.dirname(require.resolve("@wp-playground/wordpress-builds/package.json"));
const CLI_VERSION: string = JSON.parse(readFileSync(require.resolve("@wp-playground/cli/package.json"), "utf8")).version;
/** The newest release the builds package carries (its keys: "nightly", "beta", "6.5", …). */
const WP_VERSION = Object.keys(JSON.parse(readFileSync(path.join(BUILDS, "src/wordpress/wp-versions.json"), "utf8")))
  .filter((v) => /^\d/.test(v))
  .sort((a, b) => b.localeCompare(a, "en", { numeric: true }))[0];
if (!WP_VERSION) throw new Error(`no WordPress release in ${BUILDS}`);
const PHP_VERSION = "8.3";
/** Bump when the snapshot's contents change (users, options). */
const SNAPSHOT_FORMAT = 1;
const CACHE = path.join(os.tmpdir(), "switchboard-test-wordpress");
const SNAPSHOT = path.join(CACHE, `wp-${WP_VERSION}-php-${PHP_VERSION}-cli-${CLI_VERSION}-v${SNAPSHOT_FORMAT}`);

/** Creates the test users and their application passwords (run once, in the snapshot). */
const SETUP_PHP = `<?php
require '/wordpress/wp-load.php';
$users = [];
$author = get_user_by('login', 'admin');
$contributor = get_user_by('id', wp_insert_user(['user_login' => 'contributor', 'user_pass' => wp_generate_password(24), 'user_email' => 'contributor@example.com', 'role' => 'contributor']));
foreach ([$author, $contributor] as $user) {
  [$password] = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'Switchboard tests']);
  $users[] = ['username' => $user->user_login, 'role' => $user->roles[0], 'applicationPassword' => WP_Application_Passwords::chunk_password($password)];
}
echo json_encode($users);`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** `content`: a wp-content folder of this run's own, over the shared snapshot's (which is then only read). */
async function boot(
  site: string,
  install: "install-from-existing-files" | "install-from-existing-files-if-needed",
  content?: string,
): Promise<RunCLIServer> {
  return runCLI({
    command: "server",
    php: PHP_VERSION,
    port: await freePort(),
    workers: 1,
    verbosity: "quiet",
    intl: false,
    "mount-before-install": [
      { hostPath: site, vfsPath: "/wordpress" },
      ...(content ? [{ hostPath: content, vfsPath: "/wordpress/wp-content" }] : []),
    ],
    wordpressInstallMode: install,
    // Application passwords need HTTPS, or a site that says it is a local development one.
    define: { WP_ENVIRONMENT_TYPE: "local" },
    // No cron: it would make loopback requests the single PHP worker cannot answer while busy.
    "define-bool": { DISABLE_WP_CRON: true },
  });
}

async function unzip(zip: string, into: string) {
  for await (const file of decodeZip((await openAsBlob(zip)).stream())) {
    if (file.name.endsWith("/")) continue;
    const target = path.join(into, file.name);
    if (!target.startsWith(into + path.sep)) throw new Error(`unsafe path in ${zip}: ${file.name}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, new Uint8Array(await file.arrayBuffer()));
  }
}

/** Installs WordPress into a fresh folder and renames it into place; a concurrent run that loses the rename drops its copy. */
async function buildSnapshot() {
  const building = `${SNAPSHOT}.building-${process.pid}-${randomBytes(4).toString("hex")}`;
  const site = path.join(building, "site");
  try {
    await unzip(path.join(BUILDS, `src/wordpress/wp-${WP_VERSION}.zip`), site);
    const server = await boot(site, "install-from-existing-files");
    try {
      const users: TestUser[] = JSON.parse((await server.playground.run({ code: SETUP_PHP })).text);
      writeFileSync(path.join(building, "users.json"), JSON.stringify(users));
    } finally {
      await server[Symbol.asyncDispose]();
    }
    try {
      renameSync(building, SNAPSHOT);
    } catch (error) {
      if (!existsSync(path.join(SNAPSHOT, "users.json"))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** Removes the folders of runs whose process is gone (killed before it could clean up). */
function removeAbandonedRuns() {
  for (const name of readdirSync(CACHE)) {
    const pid = Number(/^(?:run|.+\.building)-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") rmSync(path.join(CACHE, name), { recursive: true, force: true });
    }
  }
}

mkdirSync(CACHE, { recursive: true });
removeAbandonedRuns();
if (!existsSync(path.join(SNAPSHOT, "users.json"))) await buildSnapshot();
// Only wp-content (the database and uploads, 2 MB) changes while the site runs: each run gets its own copy.
const content = path.join(CACHE, `run-${process.pid}-${randomBytes(4).toString("hex")}`);
cpSync(path.join(SNAPSHOT, "site", "wp-content"), content, { recursive: true });

/**
 * Exits without disposing the server: that takes seconds, and nothing of this run is kept (its folder is
 * removed; the Playground's own temporary folders are removed when the process exits).
 */
function stop(code: number) {
  rmSync(content, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
process.stdin.on("end", () => stop(0));
process.stdin.on("error", () => stop(0));
process.stdin.resume();

try {
  const server = await boot(path.join(SNAPSHOT, "site"), "install-from-existing-files-if-needed", content);
  // The Playground answers the first request of a fresh boot with a redirect to itself: take it here, not in a test.
  for (let i = 0; i < 3 && (await fetch(`${server.serverUrl}/wp-json/`, { redirect: "manual" })).status !== 200; i++);
  const users: TestUser[] = JSON.parse(readFileSync(path.join(SNAPSHOT, "users.json"), "utf8"));
  process.stdout.write(`${JSON.stringify({ url: server.serverUrl, wordpressVersion: WP_VERSION, users })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  stop(1);
}
