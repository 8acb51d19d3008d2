// A real Bluesky PDS (with its PLC directory, no AppView) for Switchboard's tests.
//
// Run by test/servers/node_modules/node/bin/node: @atproto/dev-env needs Node >= 22 while the suite also
// runs on Node 20, so tests start this script in a child process (see pds.ts). It creates the test
// accounts, prints one JSON line ({ url, accounts }) and runs until its stdin closes or it gets SIGTERM;
// stdin closes when the parent exits for any reason, so the PDS never outlives the test run.
//
// Options (argv): --rate-limits  turn the PDS's own rate limits on (as in production).
// Commands (one JSON line each on stdin, answered by one JSON line on stdout):
//   {"command":"advanceClock","ms":N}  moves this process's clock forward, so tokens expire as they would in N ms.
import { createInterface } from "node:readline";
import { TestNetworkNoAppView } from "@atproto/dev-env";

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

/** Everyone gets a login password (tests use it to manage app passwords) and one app password for Switchboard. */
const ACCOUNTS = [
  { name: "alice", handle: "alice.test", email: "alice@example.com", password: "alice-login-password" },
  { name: "bob", handle: "bob.test", email: "bob@example.com", password: "bob-login-password" },
];

const net = await TestNetworkNoAppView.create({ pds: rateLimits ? { rateLimitsEnabled: true } : {} });
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
createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line);
  if (message.command === "advanceClock") clockOffsetMs += message.ms;
  else return process.stdout.write(`${JSON.stringify({ error: `unknown command ${message.command}` })}\n`);
  process.stdout.write(`${JSON.stringify({ done: message.command, clockOffsetMs })}\n`);
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
  process.stdout.write(`${JSON.stringify({ url: net.pds.url, accounts })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await stop(1);
}
