import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../connectors/http/types.js";
import { connect, testHttp } from "../connectors/test/harness.js";
import { createXConnector } from "../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../connectors/x/test/standIn.js";
import { createAccount } from "../server/accounts/saveAccount.js";
import { systemActor } from "../server/audit/context.js";
import { catalogOf } from "../server/connections/catalog.js";
import { markConnected } from "../server/connections/connectionState.js";
import { saveCredentials } from "../server/connections/credentials.js";
import { saveNetworkApp } from "../server/connections/networkApps.js";
import { DIALECTS } from "../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../test/helpers/testApp.js";
import { runCli } from "./main.js";

describe.each(DIALECTS)("switchboard worker on %s", (dialect) => {
  let x: XStandIn;
  let http: HttpClient;
  let t: TestApp;
  let admin: TestClient;
  let accountId: string;
  const connectors = () => catalogOf([createXConnector({ api: x.url, authorize: x.authorizeUrl })]);

  beforeEach(async () => {
    x = await startXStandIn();
    http = testHttp();
    t = await createTestApp(dialect, {}, { connectors: connectors(), http });
    admin = await t.setupAdmin();
    const { db, keyring } = t.services;
    await saveNetworkApp(db, keyring, null, { network: "x", ...X_CLIENT });
    const oauth = createXConnector({ api: x.url, authorize: x.authorizeUrl }).oauth;
    if (!oauth) throw new Error("X has OAuth");
    const [granted] = await connect(oauth, http, X_CLIENT, X_REDIRECT);
    if (!granted) throw new Error("nothing granted");
    accountId = await createAccount(db, systemActor(), { network: "x", handle: granted.profile.handle });
    await saveCredentials(db, keyring, accountId, granted.credentials);
    await markConnected(db, systemActor(), accountId, granted.profile);
  });
  afterEach(async () => {
    await t.dispose();
    await http.close();
    await x.close();
  });

  it("publishes what falls due without serving HTTP, logs each pass, and stops cleanly when told", async () => {
    let out = "";
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        out += chunk;
        done();
      },
    });
    const stop = new AbortController();
    const io = { stdout, stderr: stdout, stdin: process.stdin, env: { DATA_DIR: t.database.dataDir, LOG_LEVEL: "info" } };
    const running = runCli(["worker"], { io, database: t.database, connectors: connectors(), signal: stop.signal });
    const post = (
      await admin.post("/api/posts", {
        text: "Sent by a worker",
        timeZone: "UTC",
        scheduledAt: new Date(Date.now() + 1500).toISOString(),
        variants: [{ accountId }],
      })
    ).json();
    const until = Date.now() + 15_000;
    while (!x.tweets.some((tw) => tw.text === "Sent by a worker") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    // Let the pass record what the network answered before stopping.
    while ((await admin.get(`/api/posts/${post.id}`)).json().status !== "published" && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await running).toBe(0);
    expect(x.tweets.filter((tw) => tw.text === "Sent by a worker")).toHaveLength(1);
    expect((await admin.get(`/api/posts/${post.id}`)).json()).toMatchObject({ status: "published", variants: [{ status: "published" }] });
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { msg: string; outcomes?: Record<string, number>; engineMs?: number });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["publish worker started", "publish worker stopped"]));
    expect(lines.find((l) => l.msg === "published what was due")).toMatchObject({ outcomes: { published: 1 } });
  }, 30_000);
});
