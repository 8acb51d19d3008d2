import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../../connectors/http/types.js";
import { connect, testHttp } from "../../../connectors/test/harness.js";
import { createXConnector } from "../../../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../../../connectors/x/test/standIn.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { createAccount, updateAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { catalogOf } from "../../connections/catalog.js";
import { ClientCache } from "../../connections/clientCache.js";
import { markConnected } from "../../connections/connectionState.js";
import { saveCredentials } from "../../connections/credentials.js";
import { saveNetworkApp } from "../../connections/networkApps.js";
import { claimDueVariants } from "./claim.js";
import { settleUnknown } from "./publish.js";
import { publishPass, runDuePublishing } from "./runDue.js";

describe.each(DIALECTS)("the publish engine (X stand-in) on %s", (dialect) => {
  let x: XStandIn;
  let http: HttpClient;
  let t: TestApp;
  let admin: TestClient;
  let accountId: string;

  beforeEach(async () => {
    x = await startXStandIn();
    http = testHttp();
    const connector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
    t = await createTestApp(dialect, {}, { connectors: catalogOf([connector]), http });
    admin = await t.setupAdmin();
    const { db, keyring } = t.services;
    await saveNetworkApp(db, keyring, null, { network: "x", ...X_CLIENT });
    if (!connector.oauth) throw new Error("X has OAuth");
    const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
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

  const schedule = async (text: string, threadParts: string[] = []) =>
    (
      await admin.post("/api/posts", {
        text,
        timeZone: "UTC",
        scheduledAt: new Date().toISOString(),
        variants: [{ accountId, ...(threadParts.length ? { threadParts } : {}) }],
      })
    ).json();
  const tweetsSaying = (text: string) => x.tweets.filter((tw) => tw.text === text);

  it("publishes what is due once, as a thread when asked, and records where it went", async () => {
    const post = await schedule("Spring is here", ["Part two", "Part three"]);
    expect(await runDuePublishing(t.services, "w1")).toEqual(["published"]);
    expect(await runDuePublishing(t.services, "w1")).toEqual([]);
    expect(tweetsSaying("Spring is here")).toHaveLength(1);
    expect(x.tweets.find((tw) => tw.text === "Part three")?.in_reply_to).toBe(tweetsSaying("Part two")[0]?.id);
    const saved = (await admin.get(`/api/posts/${post.id}`)).json();
    expect(saved).toMatchObject({ status: "published", variants: [{ status: "published" }] });
    expect(saved.variants[0].remoteUrl).toContain(tweetsSaying("Spring is here")[0]?.id);
  });

  it("claims what falls due within the lookahead and sends it at its moment, not before", async () => {
    const at = new Date(Date.now() + 400);
    await admin.post("/api/posts", { text: "Right on time", timeZone: "UTC", scheduledAt: at.toISOString(), variants: [{ accountId }] });
    const pass = await publishPass(t.services, "w1", { lookaheadMs: 2000 });
    expect(pass.outcomes).toEqual(["published"]);
    const [tweet] = tweetsSaying("Right on time");
    expect(Date.parse(tweet?.created_at ?? "")).toBeGreaterThanOrEqual(at.getTime());
    expect(pass.waitedMs).toBeGreaterThan(0);
  });

  it("keeps a channel's client across passes only while its account stays as it was", async () => {
    const clients = new ClientCache();
    await schedule("First with the kept client");
    expect((await publishPass(t.services, "w1", { clients })).outcomes).toEqual(["published"]);
    // The account is renamed between passes: a kept client would still link posts to the old name.
    await updateAccount(t.services.db, systemActor(), accountId, { handle: "renamed_brand" });
    const second = await schedule("Second, after the rename");
    expect((await publishPass(t.services, "w1", { clients })).outcomes).toEqual(["published"]);
    const saved = (await admin.get(`/api/posts/${second.id}`)).json();
    expect(saved.variants[0].remoteUrl).toContain("/renamed_brand/");
  });

  it("retries a post the network could not take, at its next attempt time, and publishes it once", async () => {
    const delayed = await schedule("x".repeat(100));
    x.fault({ kind: "server_error" }, /^\/2\/tweets$/);
    expect(await runDuePublishing(t.services, "w1")).toEqual(["retrying"]);
    const waiting = (await admin.get(`/api/posts/${delayed.id}`)).json();
    expect(waiting).toMatchObject({ status: "publishing", variants: [{ status: "retrying" }] });
    expect(await runDuePublishing(t.services, "w1")).toEqual([]); // not before its next attempt
    expect(await runDuePublishing(t.services, "w1", new Date(Date.now() + 5 * 60_000))).toEqual(["published"]);
    expect(tweetsSaying("x".repeat(100))).toHaveLength(1);
  });

  it("fails a post the network refuses, shows its reason, and does not retry it", async () => {
    await schedule("Same words");
    expect(await runDuePublishing(t.services, "w1")).toEqual(["published"]);
    const second = await schedule("Same words");
    expect(await runDuePublishing(t.services, "w1")).toEqual(["failed"]);
    const failed = (await admin.get(`/api/posts/${second.id}`)).json();
    expect(failed).toMatchObject({
      status: "failed",
      variants: [{ status: "failed", lastError: "X: You are not allowed to create a Tweet with duplicate content." }],
    });
    expect(await runDuePublishing(t.services, "w1", new Date(Date.now() + 3_600_000))).toEqual([]);
    const attempts = await t.services.db
      .selectFrom("publish_attempts")
      .select(["outcome", "message"])
      .where("outcome", "=", "rejected")
      .execute();
    expect(attempts).toEqual([{ outcome: "rejected", message: "X: You are not allowed to create a Tweet with duplicate content." }]);
  });

  it("settles a timeout after sending by looking the post up: published once, never twice", async () => {
    const post = await schedule("Did this go out?");
    x.fault({ kind: "hang", afterHandling: true }, /^\/2\/tweets$/);
    expect(await runDuePublishing(t.services, "w1")).toEqual(["published"]);
    expect(tweetsSaying("Did this go out?")).toHaveLength(1);
    expect((await admin.get(`/api/posts/${post.id}`)).json().status).toBe("published");
  });

  it("marks a post missed instead of sending it late when the server was down past the window", async () => {
    const post = await schedule("Flash sale ends at noon");
    // An hour and a minute later (PUBLISH_MISSED_AFTER_MINUTES defaults to 60) nothing was sent yet.
    expect(await runDuePublishing(t.services, "w1", new Date(Date.now() + 61 * 60_000))).toEqual([]);
    expect(tweetsSaying("Flash sale ends at noon")).toHaveLength(0);
    expect((await admin.get(`/api/posts/${post.id}`)).json()).toMatchObject({ status: "missed", variants: [{ status: "missed" }] });
  });

  it("recovers a crashed worker's claim without publishing twice", async () => {
    const post = await schedule("Sent just before the crash");
    // A worker claimed the variant, recorded its attempt, and the network accepted the post; then it died.
    const [claimed] = await claimDueVariants(t.services.db, "crashed", new Date(), 10);
    if (!claimed) throw new Error("nothing claimed");
    await t.services.db
      .insertInto("publish_attempts")
      .values({ id: "attempt-1", variant_id: claimed.id, worker: "crashed", started_at: new Date().toISOString(), outcome: "pending" })
      .execute();
    x.tweets.push({
      id: "1900000000000000001",
      text: claimed.text,
      author_id: "1001",
      created_at: new Date().toISOString(),
      in_reply_to: undefined,
    });
    expect(await runDuePublishing(t.services, "w2")).toEqual([]); // the lease still holds
    expect(await runDuePublishing(t.services, "w2", new Date(Date.now() + 10 * 60_000))).toEqual(["published"]);
    expect(tweetsSaying("Sent just before the crash")).toHaveLength(1);
    expect((await admin.get(`/api/posts/${post.id}`)).json()).toMatchObject({ status: "published", variants: [{ status: "published" }] });
  });

  it("gives an expired claim that was never tried back to the rules: sent when free, held by a pause made meanwhile", async () => {
    const held = await schedule("Claimed, never tried, then paused");
    const [claimed] = await claimDueVariants(t.services.db, "crashed", new Date(), 10);
    if (!claimed) throw new Error("nothing claimed");
    expect((await admin.post("/api/publish-pauses", { scope: "all", reason: "Hold everything" })).statusCode).toBe(201);
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await runDuePublishing(t.services, "w2", later)).toEqual([]);
    expect(tweetsSaying("Claimed, never tried, then paused")).toHaveLength(0);
    expect((await admin.get(`/api/posts/${held.id}`)).json().variants[0].status).toBe("pending");
    const pause = (await admin.get("/api/publish-pauses")).json().inForce[0];
    await admin.post(`/api/publish-pauses/${pause.id}/resume`, {});
    expect(await runDuePublishing(t.services, "w2", later)).toEqual(["published"]);
    expect(tweetsSaying("Claimed, never tried, then paused")).toHaveLength(1);
  });

  it("never sends again an attempt another worker has settled meanwhile (a stalled worker that lost its claim)", async () => {
    await schedule("Recovered twice at once");
    const [claimed] = await claimDueVariants(t.services.db, "stalled", new Date(), 10);
    if (!claimed) throw new Error("nothing claimed");
    const attempt = { id: "attempt-stalled", started_at: new Date().toISOString() };
    await t.services.db
      .insertInto("publish_attempts")
      .values({ ...attempt, variant_id: claimed.id, worker: "stalled", outcome: "pending" })
      .execute();
    // The claim ran out; w2 recovered it, found nothing on the network and sent it again: published.
    expect(await runDuePublishing(t.services, "w2", new Date(Date.now() + 10 * 60_000))).toEqual(["published"]);
    expect(tweetsSaying("Recovered twice at once")).toHaveLength(1);
    // Meanwhile w3 had taken the same claim over and, its lookup not yet seeing the new post, would resend.
    await t.services.db
      .updateTable("post_variants")
      .set({ status: "publishing", lease_owner: "w3", lease_expires_at: new Date(Date.now() + 60_000).toISOString() })
      .where("id", "=", claimed.id)
      .execute();
    const sent = x.tweets.splice(
      x.tweets.findIndex((tw) => tw.text === "Recovered twice at once"),
      1,
    );
    expect(await settleUnknown({ services: t.services, worker: "w3" }, claimed, attempt)).toBe("released");
    x.tweets.push(...sent);
    expect(tweetsSaying("Recovered twice at once")).toHaveLength(1);
    // w3 gave its claim up at once; the next recovery adopts w2's recorded success instead of sending.
    expect(await runDuePublishing(t.services, "w4", new Date(Date.now() + 10 * 60_000))).toEqual(["published"]);
    expect(tweetsSaying("Recovered twice at once")).toHaveLength(1);
    const variant = await t.services.db
      .selectFrom("post_variants")
      .select(["status", "remote_id"])
      .where("id", "=", claimed.id)
      .executeTakeFirstOrThrow();
    expect(variant).toEqual({ status: "published", remote_id: sent[0]?.id });
  });
});
