import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MetricsSupport } from "../../../connectors/types.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { catalogOf } from "../../connections/catalog.js";
import { markConnected } from "../../connections/connectionState.js";
import { collectNetworkMetrics } from "./collectMetrics.js";
import { metricsDb } from "./tables.js";
import { type MetricsNetworkState, metricsNetwork } from "./testNetwork.js";

const DAY_MS = 86_400_000;
const SUPPORT: MetricsSupport = {
  account: ["followers"],
  post: ["impressions", "likes", "shares"],
  postWindowDays: null,
  intervalMinutes: 60,
  backfillDays: 30,
};

describe.each(DIALECTS)("network metrics on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let net: MetricsNetworkState;
  let accountId: string;
  const now = new Date(Date.now() - (Date.now() % DAY_MS) + 12 * 3_600_000 - DAY_MS); // yesterday noon UTC
  const at = (ms: number) => new Date(now.getTime() + ms);
  const day = (d: Date) => d.toISOString().slice(0, 10);

  const connectChannel = async (handle: string) => {
    const { db } = t.services;
    const id = await createAccount(db, systemActor(), { network: "bluesky", handle });
    await markConnected(db, systemActor(), id, { externalId: handle, handle, displayName: handle, url: null });
    return id;
  };

  /** A post of ours on the channel, published `daysAgo` before `now`, with the network's id `remoteId`. */
  const published = async (remoteId: string, daysAgo: number, account = accountId, text = `Post ${remoteId}`) => {
    const { db } = t.services;
    const author = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const iso = new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
    const postId = `post-${remoteId}`;
    await db
      .insertInto("posts")
      .values({
        id: postId,
        author_id: author.id,
        text,
        tags: "[]",
        time_zone: "UTC",
        scheduled_at: iso,
        status: "published",
        version: 1,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    await db
      .insertInto("post_variants")
      .values({
        id: `v-${remoteId}`,
        post_id: postId,
        account_id: account,
        network: "bluesky",
        thread_parts: "[]",
        status: "published",
        remote_id: remoteId,
        remote_url: `https://metrics.example/p/${remoteId}`,
        published_at: iso,
      })
      .execute();
    return postId;
  };

  const snapshots = (metric: string, variantId: string | null) => {
    const q = metricsDb(t.services.db)
      .selectFrom("metric_snapshots")
      .select(["value", "delta", "day"])
      .where("metric", "=", metric)
      .orderBy("captured_at");
    return (variantId === null ? q.where("variant_id", "is", null) : q.where("variant_id", "=", variantId))
      .execute()
      .then((rows) => rows.map((r) => ({ value: Number(r.value), delta: Number(r.delta), day: r.day })));
  };
  const syncState = (id = accountId) =>
    metricsDb(t.services.db).selectFrom("metric_sync_state").selectAll().where("account_id", "=", id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    const network = metricsNetwork("bluesky", SUPPORT);
    net = network.state;
    t = await createTestApp(dialect, {}, { connectors: catalogOf([network.connector]) });
    admin = await t.setupAdmin();
    accountId = await connectChannel("acme");
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("backfills on connect within backfillDays, stores snapshots with deltas, and waits for the network's interval", async () => {
    await published("p1", 2);
    await published("p2", 40); // older than the backfill window
    net.account.set("followers", 1000);
    net.posts.set(
      "p1",
      new Map([
        ["impressions", 100],
        ["likes", 5],
        ["shares", 1],
      ]),
    );
    net.posts.set("p2", new Map([["impressions", 900]]));

    expect(await collectNetworkMetrics(t.services, now)).toMatchObject({ synced: 1, failed: 0, snapshots: 4, gaps: 0 });
    expect(net.calls).toEqual([{ handle: "acme", posts: ["p1"] }]);
    expect(await snapshots("followers", null)).toEqual([{ value: 1000, delta: 0, day: day(now) }]);
    // A post starts with nothing: its first reading is all growth.
    expect(await snapshots("impressions", "v-p1")).toEqual([{ value: 100, delta: 100, day: day(now) }]);
    const state = await syncState();
    expect(state.backfilled_at).toBe(now.toISOString());
    expect(state.next_sync_at).toBe(at(60 * 60_000).toISOString());
    const audit = await t.services.db
      .selectFrom("audit_events")
      .select(["action", "summary"])
      .where("action", "=", "analytics.metrics_backfilled")
      .execute();
    expect(audit).toHaveLength(1);

    // Not due yet: nothing is asked.
    expect(await collectNetworkMetrics(t.services, at(10 * 60_000))).toMatchObject({ synced: 0 });
    expect(net.calls).toHaveLength(1);

    // An hour later: grown totals become snapshots with their delta; unchanged ones on the same day add no row.
    net.account.set("followers", 990);
    net.posts.set(
      "p1",
      new Map([
        ["impressions", 150],
        ["likes", 5],
        ["shares", 1],
      ]),
    );
    expect(await collectNetworkMetrics(t.services, at(61 * 60_000))).toMatchObject({ synced: 1, snapshots: 2 });
    expect(net.calls[1]).toEqual({ handle: "acme", posts: ["p1"] }); // the old post is not picked up later either
    expect(await snapshots("followers", null)).toEqual([
      { value: 1000, delta: 0, day: day(now) },
      { value: 990, delta: -10, day: day(now) },
    ]);
    expect((await snapshots("impressions", "v-p1")).map((s) => s.delta)).toEqual([100, 50]);
    expect(await snapshots("likes", "v-p1")).toHaveLength(1);

    // The next day, an unchanged total still gets its daily row ("collected, no change").
    expect(await collectNetworkMetrics(t.services, at(DAY_MS))).toMatchObject({ synced: 1, snapshots: 4 });
    expect(await snapshots("likes", "v-p1")).toEqual([
      { value: 5, delta: 5, day: day(now) },
      { value: 5, delta: 0, day: day(at(DAY_MS)) },
    ]);
    expect(
      await t.services.db.selectFrom("audit_events").select("seq").where("action", "=", "analytics.metrics_backfilled").execute(),
    ).toHaveLength(1);
  });

  it("a withdrawn metric is recorded as a gap once while the rest of the sync is stored", async () => {
    await published("p1", 1);
    net.account.set("followers", 50);
    net.posts.set(
      "p1",
      new Map([
        ["impressions", 10],
        ["likes", 2],
        ["shares", 1],
      ]),
    );
    net.withdrawn.add("shares");
    expect(await collectNetworkMetrics(t.services, now)).toMatchObject({ synced: 1, failed: 0, gaps: 1 });
    expect(await snapshots("impressions", "v-p1")).toHaveLength(1);
    expect(await snapshots("shares", "v-p1")).toHaveLength(0);
    expect((await syncState()).failures).toBe(0);
    // Still missing an hour later: the gap is not written again.
    expect(await collectNetworkMetrics(t.services, at(61 * 60_000))).toMatchObject({ synced: 1, gaps: 0 });

    const res = await admin.get(`/api/analytics/channels/${accountId}/metrics?from=${day(now)}&to=${day(now)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.gaps).toEqual([
      expect.objectContaining({ metric: "shares", postId: "post-p1", reason: "not_returned", since: now.toISOString() }),
    ]);
    // Shares read 0 that day, but the day says they are incomplete rather than leaving a bare zero.
    expect(body.totals).toEqual({ impressions: 10, likes: 2, shares: 0 });
    expect(body.daily).toEqual([{ day: day(now), values: { impressions: 10, likes: 2, shares: 0 }, incomplete: ["shares"] }]);
    const csv = await admin.get(`/api/analytics/channels/${accountId}/metrics.csv?from=${day(now)}&to=${day(now)}&table=gaps`);
    expect(csv.body.trim().split("\n")[1]).toBe(`${now.toISOString()},shares,post-p1,Post p1,not_returned`);

    // Shares come back: stored (which ends the gap); withdrawn again later: a new gap begins.
    net.withdrawn.clear();
    expect(await collectNetworkMetrics(t.services, at(122 * 60_000))).toMatchObject({ synced: 1, gaps: 0 });
    expect(await snapshots("shares", "v-p1")).toHaveLength(1);
    net.withdrawn.add("shares");
    expect(await collectNetworkMetrics(t.services, at(183 * 60_000))).toMatchObject({ synced: 1, gaps: 1 });
    expect(await metricsDb(t.services.db).selectFrom("metric_gaps").select("captured_at").orderBy("captured_at").execute()).toEqual([
      { captured_at: now.toISOString() },
      { captured_at: at(183 * 60_000).toISOString() },
    ]);
  });

  it("a failing channel backs off with its reason while the others are collected", async () => {
    const other = await connectChannel("beta");
    await published("b1", 1, other);
    net.posts.set("b1", new Map([["impressions", 7]]));
    net.failing.set("acme", "The network answered 429 Too Many Requests");
    expect(await collectNetworkMetrics(t.services, now)).toMatchObject({ synced: 1, failed: 1 });
    const failed = await syncState();
    expect(failed).toMatchObject({ failures: 1, last_error: "The network answered 429 Too Many Requests", backfilled_at: null });
    expect(failed.next_sync_at).toBe(at(15 * 60_000).toISOString());
    expect(await snapshots("impressions", "v-b1")).toHaveLength(1);

    // Fails again when due: waits twice as long.
    expect(await collectNetworkMetrics(t.services, at(15 * 60_000))).toMatchObject({ synced: 0, failed: 1 });
    expect((await syncState()).next_sync_at).toBe(at(45 * 60_000).toISOString());
    const status = await admin.get(`/api/analytics/channels/${accountId}/metrics`);
    expect(status.json().sync).toMatchObject({ failures: 2, lastError: "The network answered 429 Too Many Requests" });

    // Recovers: the backoff is cleared and the backfill done.
    net.failing.clear();
    expect(await collectNetworkMetrics(t.services, at(45 * 60_000))).toMatchObject({ synced: 1, failed: 0 });
    expect(await syncState()).toMatchObject({ failures: 0, last_error: null, backfilled_at: at(45 * 60_000).toISOString() });
  });

  it("channel and post dashboards: followers over time, growth against the previous period, not offered, top posts, CSV", async () => {
    const postId = await published("p1", 3, accountId, "=SUM(A1) launch day");
    await published("p2", 3);
    net.account.set("followers", 100);
    net.posts.set(
      "p1",
      new Map([
        ["impressions", 100],
        ["likes", 10],
        ["shares", 2],
      ]),
    );
    net.posts.set(
      "p2",
      new Map([
        ["impressions", 300],
        ["likes", 1],
        ["shares", 0],
      ]),
    );
    await collectNetworkMetrics(t.services, at(-DAY_MS));
    net.account.set("followers", 120);
    net.posts.set(
      "p1",
      new Map([
        ["impressions", 400],
        ["likes", 30],
        ["shares", 2],
      ]),
    );
    await collectNetworkMetrics(t.services, now);

    const from = day(now);
    const res = await admin.get(`/api/analytics/channels/${accountId}/metrics?from=${from}&to=${from}&sort=likes`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.offered).toEqual({
      account: ["followers"],
      post: ["impressions", "likes", "shares"],
      notOffered: ["engagements", "replies", "link_clicks", "video_views"],
    });
    expect(body.followers).toEqual({ now: 120, before: 100, series: [{ day: from, value: 120 }] });
    expect(body.totals).toEqual({ impressions: 300, likes: 20, shares: 0 });
    expect(body.previousTotals).toEqual({ impressions: 400, likes: 11, shares: 2 });
    expect(body.sortedBy).toBe("likes");
    expect(body.topPosts.map((p: { variantId: string }) => p.variantId)).toEqual(["v-p1", "v-p2"]);
    expect(body.topPosts[0]).toMatchObject({
      growth: { impressions: 300, likes: 20, shares: 0 },
      totals: { impressions: 400, likes: 30, shares: 2 },
    });

    const csv = await admin.get(`/api/analytics/channels/${accountId}/metrics.csv?from=${from}&to=${from}&table=posts`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toContain("impressions_in_range");
    expect(lines[1]).toContain("'=SUM(A1) launch day"); // defused for spreadsheets
    expect(lines[1]).toContain("not offered");
    const daily = await admin.get(`/api/analytics/channels/${accountId}/metrics.csv?from=${from}&to=${from}&table=daily`);
    expect(daily.body.trim().split("\n")).toEqual([
      "day,followers,impressions,likes,shares,engagements,replies,link_clicks,video_views,incomplete",
      `${from},120,300,20,0,not offered,not offered,not offered,not offered,`,
    ]);

    const post = await admin.get(`/api/analytics/posts/${postId}/metrics?from=${day(at(-DAY_MS))}&to=${from}`);
    expect(post.statusCode).toBe(200);
    expect(post.json().variants).toEqual([
      expect.objectContaining({
        variantId: "v-p1",
        offered: ["impressions", "likes", "shares"],
        notOffered: ["engagements", "replies", "link_clicks", "video_views"],
        totals: { impressions: 400, likes: 30, shares: 2 },
        growth: { impressions: 400, likes: 30, shares: 2 },
      }),
    ]);

    const list = await admin.get("/api/analytics/channels");
    expect(list.json().items).toEqual([expect.objectContaining({ id: accountId, offersMetrics: true, followers: 120 })]);
  });

  it("earned media value models the networks' impressions × CPM beside clicks × CPC, for the range and the campaign", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Autumn" })).json();
    const inCampaign = await published("c1", 1);
    await t.services.db.updateTable("posts").set({ campaign_id: campaign.id }).where("id", "=", inCampaign).execute();
    await published("o1", 1);
    net.posts.set("c1", new Map([["impressions", 12_000]]));
    net.posts.set("o1", new Map([["impressions", 3_000]]));
    expect(await collectNetworkMetrics(t.services, now)).toMatchObject({ failed: 0 });
    const range = `from=${day(at(-7 * DAY_MS))}&to=${day(now)}`;

    const unset = (await admin.get(`/api/analytics/report?${range}`)).json().earnedMedia;
    expect(unset).toMatchObject({ modelled: true, value: null, impressions: 15_000 });
    expect((await admin.patch("/api/analytics/settings", { cpm: 4.5 })).statusCode).toBe(200);
    const all = (await admin.get(`/api/analytics/report?${range}`)).json().earnedMedia;
    expect(all).toMatchObject({ value: 67.5, cpm: 4.5, cpc: null, impressions: 15_000 }); // 15 × 4.50
    expect(all.note).toContain("Modelled: impressions the networks reported ÷ 1,000 × the CPM an admin set");
    const autumn = (await admin.get(`/api/analytics/report?${range}&campaignId=${campaign.id}`)).json().earnedMedia;
    expect(autumn).toMatchObject({ value: 54, impressions: 12_000 });
    const channel = (await admin.get(`/api/analytics/report?${range}&accountId=${accountId}`)).json().earnedMedia;
    expect(channel.impressions).toBe(15_000);
    // Outside the range: nothing.
    const before = (await admin.get("/api/analytics/report?from=2020-01-01&to=2020-01-31")).json().earnedMedia;
    expect(before).toMatchObject({ value: 0, impressions: 0 });
  });

  it("bad input is a 4xx with a code", async () => {
    const base = `/api/analytics/channels/${accountId}/metrics`;
    expect((await admin.get(`${base}?from=2026-02-01&to=2026-01-01`)).json().error).toMatchObject({ code: "analytics_range_invalid" });
    expect((await admin.get(`${base}?from=2020-01-01&to=2026-01-01`)).statusCode).toBe(400);
    const badSort = await admin.get(`${base}?sort=vibes`);
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.code).toBeTruthy();
    expect((await admin.get(`${base}.csv?table=everything`)).statusCode).toBe(400);
    expect((await admin.get(`${base}?from=yesterday`)).statusCode).toBe(400);
    const missing = await admin.get("/api/analytics/channels/nope/metrics");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("account_not_found");
    expect((await admin.get("/api/analytics/posts/nope/metrics")).json().error.code).toBe("post_not_found");
    expect((await t.client().get(base)).statusCode).toBe(401);
  });
});
