// A real Bluesky PDS (with its PLC directory and, on request, Bluesky's AppView) for Switchboard's tests.
//
// Run by test/servers/node_modules/node/bin/node: @atproto/dev-env needs Node >= 22 while the suite also
// runs on Node 20, so tests start this script in a child process (see pds.ts). It creates the test
// accounts, prints one JSON line ({ url, accounts }) and runs until its stdin closes or it gets SIGTERM;
// stdin closes when the parent exits for any reason, so the PDS never outlives the test run.
//
// Options (argv): --rate-limits  turn the PDS's own rate limits on (as in production).
//                 --appview      also run the AppView (notifications, search, threads), as dev-env's TestNetwork
//                                does: it keeps its data in PostgreSQL at env BSKY_APPVIEW_POSTGRES_URL, in schemas
//                                named after env BSKY_APPVIEW_SCHEMA (letters and _; prefixed appview_, bsync_,
//                                ozone_), which the parent drops once the runner has stopped (see pds.ts).
// Commands (one JSON line each on stdin, answered by one JSON line on stdout):
//   {"command":"advanceClock","ms":N}  moves this process's clock forward, so tokens expire as they would in N ms.
//   {"command":"processAll"}           waits until the AppView has indexed everything the PDS has written.
import { createInterface } from "node:readline";
import { TestNetwork, TestNetworkNoAppView } from "@atproto/dev-env";

// The PDS checks token expiry with `new Date()` and `Date.now()` (jose): shifting both ages every token at once.
const RealDate = Date;
let clockOffsetMs = 0;
const shiftedNow = () => RealDate.now() + clockOffsetMs;
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [shiftedNow()] : args, newTarget),
  apply: () => new RealDate(shiftedNow()).toString(),
  get: (target, property, receiver) => (property === "now" ? shiftedNow : Reflect.get(target, property, receiver)),
});

const rateLimits = process.argv.includes("--rate-limits");
const appView = process.argv.includes("--appview");

/** Everyone gets a login password (tests use it to manage app passwords) and one app password for Switchboard. */
const ACCOUNTS = [
  { name: "alice", handle: "alice.test", email: "alice@example.com", password: "alice-login-password" },
  { name: "bob", handle: "bob.test", email: "bob@example.com", password: "bob-login-password" },
];

const pds = rateLimits ? { rateLimitsEnabled: true } : {};
const postgresUrl = process.env.BSKY_APPVIEW_POSTGRES_URL;
const schema = process.env.BSKY_APPVIEW_SCHEMA;
if (appView && !(postgresUrl && schema)) throw new Error("--appview needs BSKY_APPVIEW_POSTGRES_URL and BSKY_APPVIEW_SCHEMA");
// dev-env insists on a Redis host although the AppView it starts never connects to one.
process.env.REDIS_HOST ??= "127.0.0.1:6379";
const net = appView
  ? await TestNetwork.create({ dbPostgresUrl: postgresUrl, dbPostgresSchema: schema, pds })
  : await TestNetworkNoAppView.create({ pds });

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    await net.close();
  } finally {
    process.exit(code);
  }
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
process.stdin.on("end", () => stop(0));
process.stdin.on("error", () => stop(0));
createInterface({ input: process.stdin }).on("line", async (line) => {
  const message = JSON.parse(line);
  try {
    if (message.command === "advanceClock") clockOffsetMs += message.ms;
    // dev-env gives up after 5 s by default, too soon on a busy test machine.
    else if (message.command === "processAll" && appView) await net.processAll(45_000);
    else if (message.command !== "processAll")
      return process.stdout.write(`${JSON.stringify({ error: `unknown command ${message.command}` })}\n`);
    process.stdout.write(`${JSON.stringify({ done: message.command, clockOffsetMs })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  }
});

try {
  const accounts = [];
  for (const account of ACCOUNTS) {
    const agent = net.pds.getAgent();
    const { data } = await agent.com.atproto.server.createAccount({
      handle: account.handle,
      email: account.email,
      password: account.password,
    });
    await agent.login({ identifier: account.handle, password: account.password });
    const appPassword = await agent.com.atproto.server.createAppPassword({ name: "Switchboard" });
    accounts.push({ ...account, did: data.did, appPassword: appPassword.data.password });
  }
  if (appView) await net.processAll(45_000);
  process.stdout.write(`${JSON.stringify({ url: net.pds.url, appViewUrl: appView ? net.bsky.url : null, accounts })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await stop(1);
}
