import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { createLinkedInConnector } from "../index.js";
import { LINKEDIN_CLIENT, LINKEDIN_REDIRECT, type LinkedInStandIn, MEMBER, PAGE, startLinkedInStandIn } from "./standIn.js";

let standIn: LinkedInStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createLinkedInConnector>;

beforeEach(async () => {
  standIn = await startLinkedInStandIn();
  http = testHttp();
  connector = createLinkedInConnector({ api: standIn.url, oauth: `${standIn.url}/oauth/v2`, version: "202601" });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function client(as = PAGE) {
  if (!connector.oauth) throw new Error("LinkedIn has OAuth");
  const chosen = (await connect(connector.oauth, http, LINKEDIN_CLIENT, LINKEDIN_REDIRECT)).find((g) => g.profile.externalId === as);
  if (!chosen) throw new Error("account not granted");
  return connector.createClient(testContext(http, LINKEDIN_CLIENT, chosen.credentials, { externalId: as }).context);
}

const at = (remoteId: string) => ({ remoteId, publishedAt: new Date() });
const ALL = ["impressions", "engagements", "likes", "replies", "shares", "link_clicks"];
const statisticsCalls = () => standIn.requests.filter((r) => r.path === "/rest/organizationalEntityShareStatistics");

describe("LinkedIn Page metrics against the LinkedIn stand-in", () => {
  it("offers Page followers and share statistics for 12 months", () => {
    expect(connector.capabilities.metrics).toBe(true);
    expect(connector.metrics).toMatchObject({ account: ["followers"], post: ALL, postWindowDays: 365 });
  });

  it("reads followers and lifetime share statistics; a deleted or unknown post is missing", async () => {
    const li = await client();
    const a = await li.publish({ text: "Hiring" }, { idempotencyKey: "a" });
    const b = await li.publish({ text: "Taken back" }, { idempotencyKey: "b" });
    standIn.statistics.set(a.remoteId, {
      impressionCount: 2000,
      uniqueImpressionsCount: 1500,
      clickCount: 60,
      likeCount: 35,
      commentCount: 5,
      shareCount: 3,
      engagement: 0.0515,
    });
    await li.delete?.(b.remoteId);

    const report = await li.readMetrics?.({ posts: [at(a.remoteId), at(b.remoteId), at("urn:li:ugcPost:999")] });
    expect(report?.account).toEqual([{ metric: "followers", value: 5120 }]);
    expect(report?.posts).toEqual([
      {
        remoteId: a.remoteId,
        readings: [
          { metric: "impressions", value: 2000 },
          // clicks + likes + comments + shares: the count behind LinkedIn's engagement rate.
          { metric: "engagements", value: 103 },
          { metric: "likes", value: 35 },
          { metric: "replies", value: 5 },
          { metric: "shares", value: 3 },
          { metric: "link_clicks", value: 60 },
        ],
      },
      { remoteId: b.remoteId, readings: [], missing: ALL },
      { remoteId: "urn:li:ugcPost:999", readings: [], missing: ALL },
    ]);
    // Rest.li 2.0 lists: URNs encoded inside an unencoded List(…).
    const sent = http.recent().filter((r) => r.url.includes("organizationalEntityShareStatistics"));
    expect(sent[0]?.url).toContain(`shares=List(${encodeURIComponent(a.remoteId)},${encodeURIComponent(b.remoteId)})`);
    expect(sent[1]?.url).toContain("ugcPosts=List(urn%3Ali%3AugcPost%3A999)");
  });

  it("asks for at most 20 posts per statistics call", async () => {
    const li = await client();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await li.publish({ text: `Post ${i}` }, { idempotencyKey: `k${i}` })).remoteId);
    const report = await li.readMetrics?.({ posts: ids.map(at) });
    expect(report?.posts.every((p) => p.missing === undefined)).toBe(true);
    expect(statisticsCalls().map((r) => /^List\((.*)\)$/.exec(r.query.get("shares") ?? "")?.[1]?.split(",").length)).toEqual([20, 5]);
  });

  it("reports a member profile's metrics as missing without asking LinkedIn", async () => {
    const li = await client(MEMBER);
    const a = await li.publish({ text: "Personal" }, { idempotencyKey: "a" });
    const before = standIn.requests.length;
    expect(await li.readMetrics?.({ posts: [at(a.remoteId)] })).toEqual({
      account: [],
      posts: [{ remoteId: a.remoteId, readings: [], missing: ALL }],
      missingAccount: ["followers"],
    });
    expect(standIn.requests.length).toBe(before);
  });

  it("maps LinkedIn's daily throttle to rate_limited", async () => {
    const li = await client();
    const a = await li.publish({ text: "Hiring" }, { idempotencyKey: "a" });
    standIn.fault({ kind: "rate_limit", resetAt: new Date() }, /organizationalEntityShareStatistics/);
    const limited = await rejection(li.readMetrics?.({ posts: [at(a.remoteId)] }) ?? Promise.resolve());
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt?.getUTCHours()).toBe(0);
  });
});
