import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { type GraphStandIn, startGraphStandIn } from "../../meta/test/graphStandIn.js";
import { META_APP, META_REDIRECT } from "../../meta/test/graphState.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { createInstagramConnector } from "../index.js";

let standIn: GraphStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createInstagramConnector>;

beforeEach(async () => {
  standIn = await startGraphStandIn();
  http = testHttp();
  connector = createInstagramConnector({ graph: standIn.url, dialog: standIn.url, version: "v23.0" });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function client() {
  if (!connector.oauth) throw new Error("Instagram has OAuth");
  const [ig] = await connect(connector.oauth, http, META_APP, META_REDIRECT);
  if (!ig) throw new Error("no Instagram account");
  return connector.createClient(testContext(http, META_APP, ig.credentials, { externalId: ig.profile.externalId }).context);
}

const at = (remoteId: string) => ({ remoteId, publishedAt: new Date() });
const photo = { url: "https://cdn.example.com/1.jpg", mimeType: "image/jpeg" };

describe("Instagram metrics against the Graph API stand-in", () => {
  it("offers followers and media counts; no link clicks", () => {
    expect(connector.capabilities.metrics).toBe(true);
    expect(connector.metrics?.post).toEqual(["impressions", "engagements", "likes", "replies", "shares"]);
    expect(connector.auth).toMatchObject({ scopes: expect.arrayContaining(["instagram_manage_insights"]) });
  });

  it("reads followers, media counts and insights (views as impressions), hidden likes and gone media as missing", async () => {
    const ig = await client();
    const a = await ig.publish({ text: "Sunset", media: [photo] }, { idempotencyKey: "a" });
    const b = await ig.publish({ text: "Likes hidden", media: [photo] }, { idempotencyKey: "b" });
    standIn.state.mediaMetrics.set(a.remoteId, {
      like_count: 120,
      comments_count: 8,
      insights: { views: 3400, shares: 5, total_interactions: 141 },
    });
    standIn.state.mediaMetrics.set(b.remoteId, { comments_count: 1, insights: { views: 90, shares: 0, total_interactions: 7 } });

    const report = await ig.readMetrics?.({ posts: [at(a.remoteId), at(b.remoteId), at("17999999999")] });
    expect(report?.account).toEqual([{ metric: "followers", value: 980 }]);
    expect(report?.posts).toEqual([
      {
        remoteId: a.remoteId,
        readings: [
          { metric: "impressions", value: 3400 },
          { metric: "engagements", value: 141 },
          { metric: "likes", value: 120 },
          { metric: "replies", value: 8 },
          { metric: "shares", value: 5 },
        ],
      },
      {
        remoteId: b.remoteId,
        readings: [
          { metric: "impressions", value: 90 },
          { metric: "engagements", value: 7 },
          { metric: "replies", value: 1 },
          { metric: "shares", value: 0 },
        ],
        missing: ["likes"],
      },
      { remoteId: "17999999999", readings: [], missing: ["impressions", "engagements", "likes", "replies", "shares"] },
    ]);
  });

  it("without instagram_manage_insights, reads like and comment counts only", async () => {
    const ig = await client();
    const a = await ig.publish({ text: "Sunset", media: [photo] }, { idempotencyKey: "a" });
    standIn.state.knobs.insightsDenied = true;
    const report = await ig.readMetrics?.({ posts: [at(a.remoteId)] });
    expect(report?.posts[0]?.missing).toEqual(["impressions", "engagements", "shares"]);
    expect(report?.posts[0]?.readings.map((r) => r.metric)).toEqual(["likes", "replies"]);
  });

  it("maps Meta's throttle through the Graph errors", async () => {
    const ig = await client();
    standIn.fault({ kind: "rate_limit", resetAt: new Date(Date.now() + 600_000) });
    expect((await rejection(ig.readMetrics?.({ posts: [] }) ?? Promise.resolve())).kind).toBe("rate_limited");
  });
});
