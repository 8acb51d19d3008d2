import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../../connectors/http/types.js";
import { mastodonConnector } from "../../../connectors/mastodon/index.js";
import { type MastodonStreamingStandIn, startMastodonStreamingStandIn } from "../../../connectors/mastodon/test/streamingStandIn.js";
import { connect, testHttp } from "../../../connectors/test/harness.js";
import { createXConnector } from "../../../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../../../connectors/x/test/standIn.js";
import { startXStreamStandIn, X_APP_BEARER, type XStreamStandIn } from "../../../connectors/x/test/streamStandIn.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { catalogOf } from "../../connections/catalog.js";
import { markConnected } from "../../connections/connectionState.js";
import { saveCredentials } from "../../connections/credentials.js";
import { pollInboxSources } from "../poll/pollSources.js";
import { streamHealthOf } from "./health.js";
import { type InboxStreams, startInboxStreams } from "./manager.js";

const until = async <T>(what: () => Promise<T> | T, ok: (v: T) => boolean, ms = 8_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(DIALECTS)("live streams into the inbox (X filtered stream, Mastodon streaming) on %s", (dialect) => {
  let t: TestApp;
  let x: XStandIn;
  let xs: XStreamStandIn;
  let masto: MastodonStreamingStandIn;
  let http: HttpClient;
  let xAccount: string;
  let handle: string;
  let mastoAccount: string;
  let streams: InboxStreams | undefined;

  beforeEach(async () => {
    x = await startXStandIn();
    xs = await startXStreamStandIn({ keepAliveMs: 25 });
    masto = await startMastodonStreamingStandIn({ tokens: ["masto-token-good"], heartbeatMs: 25 });
    http = testHttp();
    const xConnector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
    t = await createTestApp(dialect, {}, { connectors: catalogOf([xConnector, mastodonConnector]), http });
    const { db, keyring } = t.services;
    // The X app as an admin saves it (Admin → Network apps), with the Bearer token the stream needs.
    const admin = await t.setupAdmin();
    const saved = await admin.put("/api/network-apps/x", { ...X_CLIENT, bearerToken: X_APP_BEARER });
    expect(saved.statusCode, saved.body).toBe(204);
    const apps = (await admin.get("/api/network-apps")).json();
    expect(apps.apps).toMatchObject([{ network: "x", hasSecret: true, hasBearerToken: true }]);
    expect(JSON.stringify(apps)).not.toContain(X_APP_BEARER);
    const audit = (await admin.get("/api/audit?action=network_app.saved")).json();
    expect(JSON.stringify(audit)).not.toContain(X_APP_BEARER);
    // Only X takes one.
    const refused = await admin.put("/api/network-apps/mastodon", {
      clientId: "m",
      clientSecret: "s",
      bearerToken: "t",
      baseUrl: masto.url,
    });
    expect(refused.json().error.code).toBe("bearer_token_not_used");
    if (!xConnector.oauth) throw new Error("X has OAuth");
    const [granted] = await connect(xConnector.oauth, http, X_CLIENT, X_REDIRECT);
    if (!granted) throw new Error("nothing granted");
    handle = granted.profile.handle;
    xAccount = await createAccount(db, systemActor(), { network: "x", handle });
    await saveCredentials(db, keyring, xAccount, granted.credentials);
    await markConnected(db, systemActor(), xAccount, granted.profile);
    mastoAccount = await createAccount(db, systemActor(), { network: "mastodon", handle: "switchboard", url: `${masto.url}/@switchboard` });
    await saveCredentials(db, keyring, mastoAccount, { accessToken: "masto-token-good" });
    await markConnected(db, systemActor(), mastoAccount, {
      externalId: "109",
      handle: "switchboard",
      displayName: "Switchboard",
      url: null,
    });
  });
  afterEach(async () => {
    await streams?.stop();
    streams = undefined;
    await t.dispose();
    await http.close();
    await Promise.all([x.close(), xs.close(), masto.close()]);
  });

  const start = () => {
    streams = startInboxStreams(t.services, pino({ level: "silent" }), {
      xApi: xs.url,
      delayScale: 0.01,
      refreshMs: 3_600_000,
      idleMs: 2_000,
    });
    return streams;
  };
  const messages = (accountId: string) =>
    t.services.db.selectFrom("inbox_messages").select(["external_id", "text"]).where("account_id", "=", accountId).execute();
  const connected = () =>
    until(
      () => [xs.openConnections(), masto.openConnections(), streamHealthOf(xAccount)?.state, streamHealthOf(mastoAccount)?.state],
      ([a, b, c, d]) => a === 1 && b === 1 && c === "connected" && d === "connected",
    );

  it("stores a mention from X's stream once, even when the poller reads it too; keep-alives and split chunks are read", async () => {
    // A rule of a channel removed since, and someone else's rule on the same app.
    xs.rules.push(
      { id: "11", value: "@gone -from:gone", tag: "switchboard:account:gone" },
      { id: "12", value: "#news", tag: "other-tool" },
    );
    start();
    await connected();
    expect(xs.rules).toEqual([
      { id: "12", value: "#news", tag: "other-tool" },
      expect.objectContaining({ value: `@${handle} -from:${handle}`, tag: `switchboard:account:${xAccount}` }),
    ]);
    // The same post on both paths: the poll stand-in has it, the stream sends it in three pieces amid keep-alives.
    const tweet = x.mention(`@${handle} my bag never arrived, please help`);
    await xs.post({ id: tweet.id, text: tweet.text, author_id: "2002", created_at: tweet.created_at }, { pieces: 3 });
    await until(
      () => messages(xAccount),
      (m) => m.length === 1,
    );
    // (The Mastodon channel's poll fails here: its stand-in serves only the streaming API.)
    expect(await pollInboxSources(t.services)).toMatchObject({ polled: 2, stored: 0 });
    const polled = await t.services.db.selectFrom("inbox_sources").selectAll().where("account_id", "=", xAccount).executeTakeFirstOrThrow();
    expect(polled).toMatchObject({ failures: 0, last_error: null });
    // The stream sending it again after a reconnect (a replay) changes nothing either.
    await xs.post({ id: tweet.id, text: tweet.text, author_id: "2002", created_at: tweet.created_at });
    await xs.post({ text: `@${handle} and another thing` });
    await until(
      () => messages(xAccount),
      (m) => m.length === 2,
    );
    const conversations = await t.services.db.selectFrom("inbox_conversations").selectAll().where("account_id", "=", xAccount).execute();
    expect(conversations.map((c) => c.message_count).sort()).toEqual([1, 1]);
    // Posts by the channel itself are not mentions (the rule's -from:).
    await xs.post({ text: `@${handle} our own post`, author_id: "1001" });
    expect(streamHealthOf(xAccount)).toMatchObject({ state: "connected", received: 3, malformed: 0, failures: 0 });
  });

  it("skips an unreadable line, counts it, and reads on", async () => {
    start();
    await connected();
    await xs.raw('{"data": {"id": "1", "text": broken json\r\n');
    await xs.post({ text: `@${handle} still there?` });
    await until(
      () => messages(xAccount),
      (m) => m.length === 1,
    );
    expect(streamHealthOf(xAccount)).toMatchObject({ state: "connected", malformed: 1 });
    expect(xs.state.connects).toBe(1);
  });

  it("reconnects after a drop with X's waits: linear for the network, at least the reset time for 429", async () => {
    start();
    await connected();
    xs.failNext(503);
    const resetAt = new Date(Date.now() + 120_000);
    xs.failNext(429, resetAt);
    const before = Date.now();
    xs.dropConnections();
    // Drop (network, 250 ms) → 503 (HTTP, 5 s) → 429 (at least a minute; here X's reset, two minutes away).
    const limited = await until(
      () => streamHealthOf(xAccount),
      (h) => h?.state === "reconnecting" && h.failures === 3,
    );
    expect(Date.parse(limited?.nextAttemptAt ?? "")).toBeGreaterThanOrEqual(resetAt.getTime() - 1000);
    expect(limited?.lastError).toContain("429");
    expect(limited?.lastError).not.toContain(X_APP_BEARER);
    // The waits are shrunk 100× in tests: 2.5 ms + 50 ms + 1.2 s.
    await until(
      () => xs.openConnections(),
      (n) => n === 1,
    );
    expect(Date.now() - before).toBeGreaterThanOrEqual(1_100);
    expect(xs.state.connects).toBe(4);
    // The stand-in counts the connection as soon as it answers; the client sees it a moment later.
    await until(
      () => streamHealthOf(xAccount),
      (h) => h?.state === "connected" && h.failures === 0,
    );
    await xs.post({ text: `@${handle} back again` });
    await until(
      () => messages(xAccount),
      (m) => m.length === 1,
    );
  });

  it("reads Mastodon mentions from the notification stream (heartbeats, other notifications and bad data skipped)", async () => {
    start();
    await connected();
    masto.favourite();
    masto.raw("event: notification\ndata: {not json\n\n");
    const id = masto.mention("@switchboard where is my parcel?");
    await until(
      () => messages(mastoAccount),
      (m) => m.length === 1,
    );
    expect((await messages(mastoAccount))[0]).toMatchObject({ external_id: id, text: "@switchboard where is my parcel?" });
    expect(streamHealthOf(mastoAccount)).toMatchObject({ network: "mastodon", state: "connected", received: 1, malformed: 1 });
    masto.dropConnections();
    await until(
      () => masto.state.connects,
      (n) => n === 2,
    );
    await until(
      () => masto.openConnections(),
      (n) => n === 1,
    );
    masto.mention("@switchboard hello again");
    await until(
      () => messages(mastoAccount),
      (m) => m.length === 2,
    );
  });

  it("one stream failing does not stop another; a refused Mastodon token marks the channel", async () => {
    masto.tokens.clear();
    xs.failNext(503);
    xs.failNext(503);
    start();
    const off = await until(
      () => streamHealthOf(mastoAccount),
      (h) => h?.state === "off",
    );
    expect(off?.lastError).toContain("401");
    const account = await t.services.db.selectFrom("accounts").selectAll().where("id", "=", mastoAccount).executeTakeFirstOrThrow();
    expect(account.connection_status).toBe("needs_reconnect");
    // X got through its failures and streams on.
    await until(
      () => xs.openConnections(),
      (n) => n === 1,
    );
    await xs.post({ text: `@${handle} anyone?` });
    await until(
      () => messages(xAccount),
      (m) => m.length === 1,
    );
    expect(streams?.running()).toEqual(expect.arrayContaining(["x"]));
  });

  it("shutdown closes every connection and forgets the streams' state", async () => {
    const s = start();
    await connected();
    await s.stop();
    expect(s.running()).toEqual([]);
    await until(
      () => [xs.openConnections(), masto.openConnections()],
      ([a, b]) => a === 0 && b === 0,
    );
    expect(streamHealthOf(xAccount)).toBeNull();
    expect(streamHealthOf(mastoAccount)).toBeNull();
    // Nothing reconnects after stopping.
    await new Promise((r) => setTimeout(r, 200));
    expect(xs.state.connects).toBe(1);
  });

  it("without an app-only Bearer token X has no stream, says so, and Mastodon streams on", async () => {
    await t.services.db.deleteFrom("vault_secrets").where("owner_type", "=", "network_app").where("kind", "=", "api_key").execute();
    const s = start();
    await until(
      () => masto.openConnections(),
      (n) => n === 1,
    );
    expect(s.running()).toEqual([`mastodon:${mastoAccount}`]);
    expect(streamHealthOf(xAccount)).toMatchObject({ state: "off" });
    expect(xs.state.connects).toBe(0);
  });
});
