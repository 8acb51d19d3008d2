import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { mastodonConnector as connector } from "../index.js";
import { MASTODON_REDIRECT, type MastodonStandIn, startMastodonStandIn } from "./standIn.js";

let standIn: MastodonStandIn;
let http: HttpClient;

beforeEach(async () => {
  standIn = await startMastodonStandIn();
  http = testHttp();
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function client() {
  const registerApp = connector.oauth?.registerApp;
  if (!connector.oauth || !registerApp) throw new Error("Mastodon registers apps");
  const app = await registerApp({ baseUrl: standIn.url, redirectUri: MASTODON_REDIRECT, clientName: "Switchboard", http });
  const [granted] = await connect(connector.oauth, http, app, MASTODON_REDIRECT, standIn.url);
  if (!granted) throw new Error("no account");
  const account = { externalId: granted.profile.externalId, handle: granted.profile.handle, baseUrl: standIn.url };
  return connector.createClient(testContext(http, app, granted.credentials, account).context);
}

const at = (remoteId: string) => ({ remoteId, publishedAt: new Date() });
const lookups = () => standIn.requests.filter((r) => r.method === "GET" && r.path.startsWith("/api/v1/statuses"));

describe("Mastodon metrics against the Mastodon stand-in", () => {
  it("offers followers, likes, replies and shares, and no impressions", () => {
    expect(connector.capabilities.metrics).toBe(true);
    expect(connector.metrics?.account).toEqual(["followers"]);
    expect(connector.metrics?.post).toEqual(["likes", "replies", "shares"]);
  });

  it("reads followers and the counts of posts in batches of 20, a deleted post as missing", async () => {
    const m = await client();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await m.publish({ text: `Post ${i}` }, { idempotencyKey: `k${i}` })).remoteId);
    const first = standIn.statuses[0];
    if (!first) throw new Error("no status");
    first.counts = { favourites_count: 12, replies_count: 3, reblogs_count: 4 };
    await m.delete?.(ids[24] ?? "");

    const report = await m.readMetrics?.({ posts: ids.map(at) });
    expect(report?.account).toEqual([{ metric: "followers", value: 321 }]);
    expect(report?.posts).toHaveLength(25);
    expect(report?.posts[0]).toEqual({
      remoteId: ids[0],
      readings: [
        { metric: "likes", value: 12 },
        { metric: "replies", value: 3 },
        { metric: "shares", value: 4 },
      ],
    });
    expect(report?.posts[24]).toEqual({ remoteId: ids[24], readings: [], missing: ["likes", "replies", "shares"] });
    expect(lookups().map((r) => r.query.getAll("id[]").length)).toEqual([20, 5]);
  });

  it("falls back to one status at a time on servers older than 4.3", async () => {
    const m = await client();
    const a = await m.publish({ text: "One" }, { idempotencyKey: "a" });
    standIn.server.batchLookup = false;
    const report = await m.readMetrics?.({ posts: [at(a.remoteId), at("999")] });
    expect(report?.posts).toEqual([
      {
        remoteId: a.remoteId,
        readings: [
          { metric: "likes", value: 0 },
          { metric: "replies", value: 0 },
          { metric: "shares", value: 0 },
        ],
      },
      { remoteId: "999", readings: [], missing: ["likes", "replies", "shares"] },
    ]);
    expect(lookups().map((r) => r.path)).toEqual(["/api/v1/statuses", `/api/v1/statuses/${a.remoteId}`, "/api/v1/statuses/999"]);
  });

  it("records a follower count the server did not give as a gap", async () => {
    const m = await client();
    standIn.server.followers = undefined;
    expect(await m.readMetrics?.({ posts: [] })).toEqual({ account: [], posts: [], missingAccount: ["followers"] });
  });

  it("maps rate limits and a revoked token through Mastodon's errors", async () => {
    const m = await client();
    const a = await m.publish({ text: "One" }, { idempotencyKey: "a" });
    const resetAt = new Date(Math.ceil(Date.now() / 1000 + 300) * 1000);
    standIn.fault({ kind: "rate_limit", resetAt }, /^\/api\/v1\/statuses$/);
    const limited = await rejection(m.readMetrics?.({ posts: [at(a.remoteId)] }) ?? Promise.resolve());
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt?.toISOString()).toBe(resetAt.toISOString());
    standIn.tokens.revokeAll();
    expect((await rejection(m.readMetrics?.({ posts: [] }) ?? Promise.resolve())).kind).toBe("auth_expired");
  });
});
