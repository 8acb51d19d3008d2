import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { createXConnector } from "../index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "./standIn.js";

let standIn: XStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createXConnector>;

beforeEach(async () => {
  standIn = await startXStandIn();
  http = testHttp();
  connector = createXConnector({ api: standIn.url, authorize: standIn.authorizeUrl });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function client() {
  if (!connector.oauth) throw new Error("X has OAuth");
  const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
  if (!granted) throw new Error("no account granted");
  const account = { externalId: granted.profile.externalId, handle: granted.profile.handle };
  return connector.createClient(testContext(http, X_CLIENT, granted.credentials, account).context);
}

const DAY = 86_400_000;
const lookups = () => standIn.requests.filter((r) => r.path === "/2/tweets" && r.method === "GET");

describe("X metrics against the X API v2 stand-in", () => {
  it("offers followers and per-post counts, private ones for 30 days", () => {
    expect(connector.capabilities.metrics).toBe(true);
    expect(connector.metrics).toMatchObject({ account: ["followers"], postWindowDays: 30 });
    expect(connector.metrics?.post).toEqual(["impressions", "likes", "replies", "shares", "link_clicks"]);
  });

  it("reads followers, private metrics for recent posts, public ones for older posts, and marks a gone post missing", async () => {
    const x = await client();
    const recent = await x.publish({ text: "Recent" }, { idempotencyKey: "a" });
    const older = await x.publish({ text: "Older" }, { idempotencyKey: "b" });
    const [r, o] = standIn.tweets;
    if (!r || !o) throw new Error("posts not stored");
    r.metrics = {
      public: { retweet_count: 3, reply_count: 2, like_count: 40, quote_count: 1, bookmark_count: 0, impression_count: 900 },
      private: { impression_count: 1000, url_link_clicks: 17, user_profile_clicks: 4 },
    };
    o.created_at = new Date(Date.now() - 45 * DAY).toISOString();
    o.metrics = { public: { retweet_count: 0, reply_count: 1, like_count: 5, quote_count: 0, bookmark_count: 0, impression_count: 80 } };

    const report = await x.readMetrics?.({
      posts: [
        { remoteId: recent.remoteId, publishedAt: new Date() },
        { remoteId: older.remoteId, publishedAt: new Date(Date.now() - 45 * DAY) },
        { remoteId: "1799999999999999999", publishedAt: new Date() },
      ],
    });
    expect(report?.account).toEqual([{ metric: "followers", value: 1200 }]);
    expect(report?.missingAccount).toBeUndefined();
    expect(report?.posts).toEqual([
      {
        remoteId: recent.remoteId,
        readings: [
          { metric: "impressions", value: 1000 },
          { metric: "likes", value: 40 },
          { metric: "replies", value: 2 },
          { metric: "shares", value: 4 },
          { metric: "link_clicks", value: 17 },
        ],
      },
      {
        remoteId: older.remoteId,
        readings: [
          { metric: "impressions", value: 80 },
          { metric: "likes", value: 5 },
          { metric: "replies", value: 1 },
          { metric: "shares", value: 0 },
        ],
        missing: ["link_clicks"],
      },
      { remoteId: "1799999999999999999", readings: [], missing: ["impressions", "likes", "replies", "shares", "link_clicks"] },
    ]);
    expect(lookups().map((q) => q.query.get("tweet.fields"))).toEqual(["public_metrics,non_public_metrics", "public_metrics"]);
  });

  it("asks for at most 100 posts per call", async () => {
    const x = await client();
    for (let i = 0; i < 150; i++) standIn.mention(`post ${i}`);
    const posts = standIn.tweets.map((t) => ({ remoteId: t.id, publishedAt: new Date() }));
    const report = await x.readMetrics?.({ posts });
    expect(report?.posts).toHaveLength(150);
    expect(lookups().map((q) => q.query.get("ids")?.split(",").length)).toEqual([100, 50]);
  });

  it("records a follower count X did not return as a gap, not zero", async () => {
    const x = await client();
    standIn.followers.delete("1001");
    const report = await x.readMetrics?.({ posts: [] });
    expect(report).toEqual({ account: [], posts: [], missingAccount: ["followers"] });
    expect(lookups()).toHaveLength(0);
  });

  it("maps a rate limit and a refused token through X's errors", async () => {
    const x = await client();
    const post = await x.publish({ text: "Hi" }, { idempotencyKey: "k" });
    const resetAt = new Date(Math.floor(Date.now() / 1000 + 600) * 1000);
    standIn.fault({ kind: "rate_limit", resetAt }, /^\/2\/tweets$/);
    const limited = await rejection(
      x.readMetrics?.({ posts: [{ remoteId: post.remoteId, publishedAt: new Date() }] }) ?? Promise.resolve(),
    );
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt?.toISOString()).toBe(resetAt.toISOString());
    standIn.tokens.revokeAll();
    const fresh = connector.createClient(testContext(http, X_CLIENT, { accessToken: "revoked-token" }, { externalId: "1001" }).context);
    expect((await rejection(fresh.readMetrics?.({ posts: [] }) ?? Promise.resolve())).kind).toBe("auth_expired");
  });
});
