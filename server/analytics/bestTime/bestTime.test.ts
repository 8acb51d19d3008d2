import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { metricsDb } from "../metrics/tables.js";
import { bestTimesFor } from "./bestTimes.js";

// A Friday; the window reaches back 16 weeks to 31 July. Berlin left summer time on Sunday 25 October 2026.
const NOW = Date.parse("2026-11-20T12:00:00.000Z");

describe.each(DIALECTS)("best time to post on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const account = async (network: string, handle: string) => {
    const res = await admin.post("/api/accounts", { network, handle });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  /** A post written through the API, marked published as the engine records it, with the network's readings. */
  const published = async (
    accountId: string,
    network: string,
    publishedAt: string,
    readings: Record<string, number>,
    timeZone = "Europe/Berlin",
  ) => {
    const post = await admin.post("/api/posts", { text: `Post at ${publishedAt}`, timeZone, variants: [{ accountId }] });
    expect(post.statusCode, post.body).toBe(201);
    const postId = post.json().id as string;
    await t.services.db
      .updateTable("post_variants")
      .set({ status: "published", published_at: publishedAt })
      .where("post_id", "=", postId)
      .execute();
    const variant = await t.services.db.selectFrom("post_variants").select("id").where("post_id", "=", postId).executeTakeFirstOrThrow();
    const db = metricsDb(t.services.db);
    for (const [metric, value] of Object.entries(readings)) {
      // An early, lower reading first: only the latest running total counts.
      for (const [capturedAt, v] of [
        [new Date(Date.parse(publishedAt) + 3_600_000).toISOString(), Math.floor(value / 4)],
        [new Date(Date.parse(publishedAt) + 86_400_000).toISOString(), value],
      ] as const) {
        await db
          .insertInto("metric_snapshots")
          .values({
            id: randomUUID(),
            account_id: accountId,
            network,
            variant_id: variant.id,
            post_id: postId,
            metric,
            value: v,
            delta: 0,
            captured_at: capturedAt,
            day: capturedAt.slice(0, 10),
          })
          .execute();
      }
    }
  };

  /**
   * Eleven posts with data and one without, hand-counted: engagements 8…500, median 30.
   * Tuesday 09:00 Berlin on both sides of the DST change (07:00 UTC in October, 08:00 UTC in November):
   * 40, 50, 60, 45 → median 47.5 → score 1.58. Monday 20:00: 20, 25, 30 → 0.83. Thursday 15:00, from
   * likes + replies + shares: 10, 12, 8 → 0.33. Saturday 11:00: one viral post (500), too few to rank.
   */
  const seedBerlin = async (accountId: string, network: string) => {
    for (const [at, e] of [
      ["2026-10-13T07:00:00.000Z", 40],
      ["2026-10-20T07:00:00.000Z", 50],
      ["2026-10-27T08:00:00.000Z", 60],
      ["2026-11-03T08:00:00.000Z", 45],
      ["2026-10-19T18:00:00.000Z", 20],
      ["2026-10-26T19:00:00.000Z", 25],
      ["2026-11-02T19:00:00.000Z", 30],
      ["2026-10-17T09:00:00.000Z", 500],
    ] as const)
      await published(accountId, network, at, { engagements: e });
    for (const [at, [likes, replies, shares]] of [
      ["2026-10-15T13:00:00.000Z", [6, 2, 2]],
      ["2026-10-22T13:00:00.000Z", [8, 2, 2]],
      ["2026-10-29T14:00:00.000Z", [5, 1, 2]],
    ] as const)
      await published(accountId, network, at, { likes, replies, shares });
    // Published, but the network has reported nothing for it: not in the sample.
    await published(accountId, network, "2026-11-10T10:00:00.000Z", {});
    // Older than 16 weeks: outside the window.
    await published(accountId, network, "2026-07-07T07:00:00.000Z", { engagements: 9000 });
  };

  it("ranks an account's own hourly slots on its local clock, across a DST change, with the minimum sample", async () => {
    const acme = await account("bluesky", "acme.example");
    await seedBerlin(acme, "bluesky");
    const result = await bestTimesFor(metricsDb(t.services.db), acme, NOW);
    expect(result).toMatchObject({
      basis: "account",
      timeZone: "Europe/Berlin",
      timeZoneSource: "posts",
      account: { published: 12, posts: 11 },
      pool: null,
      minimum: { postsInSlot: 3, postsInAll: 10 },
    });
    expect(result.best.map((s) => [s.weekday, s.hour, s.posts, s.score])).toEqual([
      [2, 9, 4, 1.58],
      [1, 20, 3, 0.83],
      [4, 15, 3, 0.33],
    ]);
    // The viral Saturday post is shown, but not ranked on one post.
    expect(result.slots.find((s) => s.weekday === 6)).toMatchObject({ hour: 11, posts: 1, ranked: false, medianEngagements: 500 });
    // In UTC the Tuesday posts would have split over two hours; on Berlin's clock they are one slot.
    expect(result.slots.filter((s) => s.weekday === 2)).toHaveLength(1);
    // Next Tuesday 09:00 in Berlin (CET) after Friday noon.
    expect(result.best[0]?.next).toEqual({ at: "2026-11-24T08:00:00.000Z", date: "2026-11-24", time: "09:00" });
  });

  it("needs ten posts with data: below that it falls back to the same network's accounts, and says when nobody has enough", async () => {
    const acme = await account("bluesky", "acme.example");
    const newcomer = await account("bluesky", "acme-us.example");
    const alone = await account("mastodon", "acme@social.example");
    // The newcomer has two posts of its own in New York: not enough.
    await published(newcomer, "bluesky", "2026-11-10T20:00:00.000Z", { engagements: 3 }, "America/New_York");
    await published(newcomer, "bluesky", "2026-11-11T20:00:00.000Z", { engagements: 4 }, "America/New_York");

    const db = metricsDb(t.services.db);
    const before = await bestTimesFor(db, newcomer, NOW);
    expect(before).toMatchObject({ basis: "none", best: [], slots: [], pool: { posts: 2, accounts: 0 } });
    expect(before.explanation).toContain("Not enough data yet");

    await seedBerlin(acme, "bluesky");
    const pooled = await bestTimesFor(db, newcomer, NOW);
    expect(pooled).toMatchObject({
      basis: "network",
      timeZone: "America/New_York",
      account: { posts: 2 },
      pool: { posts: 13, accounts: 1 },
    });
    // Acme's best slot, offered on the newcomer's own clock: Tuesday 09:00 in New York.
    expect(pooled.best[0]).toMatchObject({ weekday: 2, hour: 9, posts: 4 });
    expect(pooled.best[0]?.next).toEqual({ at: "2026-11-24T14:00:00.000Z", date: "2026-11-24", time: "09:00" });

    // Another network's data is no help: a Mastodon account with nothing gets no invented times.
    const none = await bestTimesFor(db, alone, NOW);
    expect(none).toMatchObject({ basis: "none", best: [], slots: [], account: { published: 0, posts: 0 }, timeZone: "UTC" });

    // Nine posts of its own in one slot are still too few in all; a tenth (same 18:00 slot, now in winter time) is enough.
    for (let week = 0; week < 9; week++)
      await published(alone, "mastodon", new Date(Date.parse("2026-08-04T16:00:00.000Z") + week * 7 * 86_400_000).toISOString(), {
        engagements: 7,
      });
    expect((await bestTimesFor(db, alone, NOW)).basis).toBe("none");
    await published(alone, "mastodon", "2026-11-17T17:00:00.000Z", { engagements: 7 });
    const own = await bestTimesFor(db, alone, NOW);
    expect(own).toMatchObject({ basis: "account", account: { posts: 10 } });
    expect(own.best.map((s) => [s.weekday, s.hour, s.posts])).toEqual([[2, 18, 10]]);
  });

  it("answers over HTTP, with the posting queue's zone, and refuses bad input with a code", async () => {
    const acme = await account("bluesky", "acme.example");
    const queue = await admin.put(`/api/accounts/${acme}/queue`, { timeZone: "Asia/Tokyo", slots: [{ weekday: 1, time: "09:00" }] });
    expect(queue.statusCode, queue.body).toBe(200);
    const res = await admin.get(`/api/analytics/best-times?accountId=${acme}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ basis: "none", timeZone: "Asia/Tokyo", timeZoneSource: "queue", best: [] });

    expect((await admin.get("/api/analytics/best-times")).statusCode).toBe(400);
    const unknown = await admin.get("/api/analytics/best-times?accountId=nope");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("account_not_found");
    const extra = await admin.get(`/api/analytics/best-times?accountId=${acme}&hour=25`);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe("validation_failed");
  });
});
