import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { type GraphStandIn, startGraphStandIn } from "../../meta/test/graphStandIn.js";
import { META_APP, META_REDIRECT, PAGE_ID } from "../../meta/test/graphState.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { createFacebookConnector } from "../index.js";

let standIn: GraphStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createFacebookConnector>;

beforeEach(async () => {
  standIn = await startGraphStandIn();
  http = testHttp();
  connector = createFacebookConnector({ graph: standIn.url, dialog: standIn.url, version: "v23.0" });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function client() {
  if (!connector.oauth) throw new Error("Facebook has OAuth");
  const page = (await connect(connector.oauth, http, META_APP, META_REDIRECT)).find((g) => g.profile.externalId === PAGE_ID);
  if (!page) throw new Error("page not granted");
  return connector.createClient(testContext(http, META_APP, page.credentials, { externalId: PAGE_ID }).context);
}

const at = (remoteId: string) => ({ remoteId, publishedAt: new Date() });
const postReads = () => standIn.requests.filter((r) => r.method === "GET" && /^\/v23\.0\/\d+_\d+$/.test(r.path));

describe("Facebook Page metrics against the Graph API stand-in", () => {
  it("offers followers and post counts, collected daily as insights update", () => {
    expect(connector.capabilities.metrics).toBe(true);
    expect(connector.metrics).toEqual({
      account: ["followers"],
      post: ["impressions", "likes", "replies", "shares", "link_clicks"],
      postWindowDays: 90,
      intervalMinutes: 1440,
      backfillDays: 90,
    });
    expect(connector.auth).toMatchObject({ scopes: expect.arrayContaining(["read_insights"]) });
  });

  it("reads Page followers, each post's counts and lifetime insights, and a deleted post as missing", async () => {
    const fb = await client();
    const shared = await fb.publish({ text: "Shared post" }, { idempotencyKey: "a" });
    const quiet = await fb.publish({ text: "Quiet post" }, { idempotencyKey: "b" });
    standIn.state.postMetrics.set(shared.remoteId, {
      reactions: 31,
      comments: 4,
      shares: 6,
      insights: { post_impressions: 2500, post_clicks_by_type: { "link clicks": 44, "other clicks": 9 } },
    });
    standIn.state.postMetrics.set(quiet.remoteId, {
      reactions: 0,
      comments: 0,
      insights: { post_impressions: 12, post_clicks_by_type: {} },
    });
    const gone = `${PAGE_ID}_123456789`;

    const report = await fb.readMetrics?.({ posts: [at(shared.remoteId), at(quiet.remoteId), at(gone)] });
    expect(report?.account).toEqual([{ metric: "followers", value: 4200 }]);
    expect(report?.posts).toEqual([
      {
        remoteId: shared.remoteId,
        readings: [
          { metric: "impressions", value: 2500 },
          { metric: "likes", value: 31 },
          { metric: "replies", value: 4 },
          { metric: "shares", value: 6 },
          { metric: "link_clicks", value: 44 },
        ],
      },
      {
        remoteId: quiet.remoteId,
        readings: [
          { metric: "impressions", value: 12 },
          { metric: "likes", value: 0 },
          { metric: "replies", value: 0 },
          // Graph leaves out `shares` and the "link clicks" breakdown when there were none: zero, not a gap.
          { metric: "shares", value: 0 },
          { metric: "link_clicks", value: 0 },
        ],
      },
      { remoteId: gone, readings: [], missing: ["impressions", "likes", "replies", "shares", "link_clicks"] },
    ]);
    expect(postReads()[0]?.query.get("fields")).toBe(
      "id,shares,comments.limit(0).summary(true),reactions.limit(0).summary(true),insights.metric(post_impressions,post_clicks_by_type)",
    );
  });

  it("without read_insights, still reads the public counts and reports impressions and clicks missing", async () => {
    const fb = await client();
    const a = await fb.publish({ text: "One" }, { idempotencyKey: "a" });
    const b = await fb.publish({ text: "Two" }, { idempotencyKey: "b" });
    standIn.state.postMetrics.set(a.remoteId, { reactions: 3, comments: 1, insights: { post_impressions: 50 } });
    standIn.state.knobs.insightsDenied = true;
    const report = await fb.readMetrics?.({ posts: [at(a.remoteId), at(b.remoteId)] });
    expect(report?.posts[0]).toEqual({
      remoteId: a.remoteId,
      readings: [
        { metric: "likes", value: 3 },
        { metric: "replies", value: 1 },
        { metric: "shares", value: 0 },
      ],
      missing: ["impressions", "link_clicks"],
    });
    expect(report?.posts[1]?.missing).toEqual(["impressions", "link_clicks"]);
    // Refused once; the second post is read without asking for insights again.
    expect(postReads().map((r) => r.query.get("fields")?.includes("insights"))).toEqual([true, false, false]);
  });

  it("records a follower count Graph did not return as a gap", async () => {
    const fb = await client();
    standIn.state.followers.delete(PAGE_ID);
    expect(await fb.readMetrics?.({ posts: [] })).toEqual({ account: [], posts: [], missingAccount: ["followers"] });
  });

  it("maps Meta's throttle and a dead token through the Graph errors", async () => {
    const fb = await client();
    const a = await fb.publish({ text: "One" }, { idempotencyKey: "a" });
    standIn.fault({ kind: "rate_limit", resetAt: new Date(Date.now() + 600_000) }, /_\d+$/);
    expect((await rejection(fb.readMetrics?.({ posts: [at(a.remoteId)] }) ?? Promise.resolve())).kind).toBe("rate_limited");
    standIn.revokeAll();
    expect((await rejection(fb.readMetrics?.({ posts: [at(a.remoteId)] }) ?? Promise.resolve())).kind).toBe("auth_expired");
  });
});
