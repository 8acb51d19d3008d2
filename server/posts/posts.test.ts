import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";

const CARLA = { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" };
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(DIALECTS)("composing posts on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let carla: TestClient;
  let x: { id: string };
  let bluesky: { id: string };
  let myspace: { id: string };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    const carlaUser = (await admin.post("/api/users", CARLA)).json();
    const account = async (network: string, handle: string) => (await admin.post("/api/accounts", { network, handle })).json();
    x = await account("x", "acme");
    bluesky = await account("bluesky", "acme.bsky.social");
    myspace = await account("myspace", "acme");
    // Carla drafts for all three and may publish to X and Bluesky.
    for (const [a, permissions] of [
      [x, ["draft", "publish"]],
      [bluesky, ["draft", "publish"]],
      [myspace, ["draft"]],
    ] as const) {
      const res = await admin.put(`/api/accounts/${a.id}/grants`, {
        grants: [{ subjectType: "user", subjectId: carlaUser.id, permissions }],
      });
      expect(res.statusCode).toBe(200);
    }
    carla = t.client();
    await carla.csrf();
    expect((await carla.login(CARLA.email, CARLA.password)).statusCode).toBe(200);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("drafts once, adjusts per channel, counts each network's way, then schedules", async () => {
    const link = "https://example.com/a/very/long/path/that/x/counts/as/twenty-three/characters";
    const res = await carla.post("/api/posts", {
      text: `Our spring release is out: ${link}`,
      tags: ["launch"],
      timeZone: "Europe/Berlin",
      variants: [{ accountId: x.id }, { accountId: bluesky.id, text: "Spring release is out 🌷", threadParts: ["Details below."] }],
    });
    expect(res.statusCode).toBe(201);
    const post = res.json();
    expect(post).toMatchObject({ status: "draft", version: 1, scheduledAt: null, tags: ["launch"], author: { name: "Carla" } });
    const byNetwork = Object.fromEntries(post.variants.map((v: { network: string }) => [v.network, v]));
    // X counts any link as 23 characters.
    expect(byNetwork.x).toMatchObject({ ownText: false, length: { count: "Our spring release is out: ".length + 23, limit: 280 } });
    expect(byNetwork.bluesky).toMatchObject({ ownText: true, threadParts: ["Details below."], length: { count: 23, limit: 300 } });

    const scheduled = await carla.patch(`/api/posts/${post.id}`, { version: 1, scheduledAt: inAnHour() });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: "scheduled", version: 2 });
    // An edit keeps each channel's variant (the publish engine tracks them by id).
    expect(
      scheduled
        .json()
        .variants.map((v: { id: string }) => v.id)
        .sort(),
    ).toEqual(post.variants.map((v: { id: string }) => v.id).sort());
    const narrowed = (
      await carla.patch(`/api/posts/${post.id}`, { version: 2, variants: [{ accountId: bluesky.id, text: "Only here" }] })
    ).json();
    expect(narrowed.variants).toMatchObject([{ id: byNetwork.bluesky.id, network: "bluesky", text: "Only here" }]);
    const widened = (
      await carla.patch(`/api/posts/${post.id}`, { version: 3, variants: [{ accountId: bluesky.id }, { accountId: x.id }] })
    ).json();
    expect(widened.variants.map((v: { network: string }) => v.network)).toEqual(["bluesky", "x"]);
    const listed = (await carla.get(`/api/posts?status=scheduled&accountId=${bluesky.id}`)).json().posts;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([post.id]);

    const events = (await admin.get(`/api/audit?targetId=${post.id}`)).json().events;
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual([
      "post.drafted",
      "post.updated",
      "post.updated",
      "post.updated",
    ]);
  });

  it("blocks a variant over the network's limit with the exact count, a past schedule, a bad time zone and a network without a connector", async () => {
    const base = { text: "Hello", timeZone: "America/New_York" };
    const long = await carla.post("/api/posts", { ...base, variants: [{ accountId: bluesky.id, text: "é".repeat(301) }] });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({
      code: "variant_invalid",
      details: { problems: [{ accountId: bluesky.id, code: "text_too_long", count: 301, limit: 300 }] },
    });
    const past = await carla.post("/api/posts", { ...base, scheduledAt: "2020-01-01T09:00:00Z", variants: [{ accountId: x.id }] });
    expect(past.json().error.code).toBe("schedule_in_past");
    const zone = await carla.post("/api/posts", { ...base, timeZone: "Mars/Olympus", variants: [{ accountId: x.id }] });
    expect(zone.statusCode).toBe(400);
    const noConnector = await carla.post("/api/posts", { ...base, variants: [{ accountId: myspace.id }] });
    expect(noConnector.json().error).toMatchObject({ code: "variant_invalid", details: { problems: [{ code: "no_connector" }] } });
    const twice = await carla.post("/api/posts", { ...base, variants: [{ accountId: x.id }, { accountId: x.id }] });
    expect(twice.json().error.code).toBe("duplicate_channel");
    expect((await carla.get("/api/posts")).json().posts).toEqual([]);
  });

  it("checks a draft without saving it: lengths per channel and what stops it", async () => {
    const res = await carla.post("/api/posts/check", {
      text: "x".repeat(290),
      variants: [{ accountId: x.id }, { accountId: bluesky.id }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().variants).toEqual([
      {
        accountId: x.id,
        network: "x",
        length: { count: 290, limit: 280 },
        problems: [expect.objectContaining({ code: "text_too_long", count: 290, limit: 280 })],
        findings: expect.any(Array),
      },
      { accountId: bluesky.id, network: "bluesky", length: { count: 290, limit: 300 }, problems: [], findings: expect.any(Array) },
    ]);
    expect((await carla.get("/api/posts")).json().posts).toEqual([]);
  });

  it("refuses channels the author may not draft for", async () => {
    const other = (await admin.post("/api/accounts", { network: "mastodon", handle: "acme@mastodon.social" })).json();
    const res = await carla.post("/api/posts", { text: "Hi", timeZone: "UTC", variants: [{ accountId: other.id }] });
    expect(res.statusCode).toBe(403);
  });

  it("filters by tag and author and pages through long lists", async () => {
    const make = (who: TestClient, text: string, tags: string[]) =>
      who.post("/api/posts", { text, tags, timeZone: "UTC", variants: [{ accountId: x.id }] });
    await make(carla, "a", ["launch", "100%_sure"]);
    await make(carla, "b", ["launch"]);
    await make(admin, "c", ["other"]);
    const texts = async (query: string) =>
      ((await carla.get(`/api/posts?${query}`)).json().posts as { text: string }[]).map((p) => p.text).sort();
    expect(await texts("tag=launch")).toEqual(["a", "b"]);
    expect(await texts(`tag=${encodeURIComponent("100%_sure")}`)).toEqual(["a"]);
    expect(await texts("tag=100")).toEqual([]);
    const carlaId = (await carla.get("/api/me")).json().user.id;
    expect(await texts(`authorId=${carlaId}`)).toEqual(["a", "b"]);
    const first = (await carla.get("/api/posts?limit=2")).json();
    expect(first.posts).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
    const rest = (await carla.get(`/api/posts?limit=2&offset=${first.nextOffset}`)).json();
    expect(rest.posts).toHaveLength(1);
    expect(rest.nextOffset).toBeNull();
    const all = [...first.posts, ...rest.posts].map((p: { text: string }) => p.text).sort();
    expect(all).toEqual(["a", "b", "c"]);
  });

  it("refuses to edit or delete a post while the engine is sending it", async () => {
    const post = (
      await carla.post("/api/posts", { text: "Due now", timeZone: "UTC", scheduledAt: inAnHour(), variants: [{ accountId: x.id }] })
    ).json();
    // As claimDueVariants leaves it: the variant held by a worker, the post still scheduled.
    await t.services.db
      .updateTable("post_variants")
      .set({ status: "publishing", lease_owner: "worker-1", lease_expires_at: inAnHour() })
      .where("post_id", "=", post.id)
      .execute();
    const edit = await carla.patch(`/api/posts/${post.id}`, { version: post.version, text: "Changed at the last second" });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe("post_sending");
    expect((await carla.delete(`/api/posts/${post.id}`)).json().error.code).toBe("post_sending");
    expect((await carla.get(`/api/posts/${post.id}`)).json()).toMatchObject({ text: "Due now", version: 1 });
  });

  it("gives the second of two concurrent edits a conflict instead of overwriting", async () => {
    const post = (await carla.post("/api/posts", { text: "v1", timeZone: "UTC", variants: [{ accountId: x.id }] })).json();
    const first = await carla.patch(`/api/posts/${post.id}`, { version: 1, text: "edited by Carla" });
    const second = await admin.patch(`/api/posts/${post.id}`, { version: 1, text: "edited by the admin" });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("edit_conflict");
    expect((await carla.get(`/api/posts/${post.id}`)).json()).toMatchObject({ text: "edited by Carla", version: 2 });
  });

  it("keeps a post whose channel was deleted, flags the variant and tells the author, and deletes posts on request", async () => {
    const post = (
      await carla.post("/api/posts", {
        text: "Soon",
        timeZone: "UTC",
        scheduledAt: inAnHour(),
        variants: [{ accountId: x.id }, { accountId: bluesky.id }],
      })
    ).json();
    expect((await admin.delete(`/api/accounts/${x.id}`)).statusCode).toBe(204);
    const kept = (await carla.get(`/api/posts/${post.id}`)).json();
    expect(
      kept.variants.map((v: { network: string; accountId: string | null; status: string }) => [v.network, v.accountId, v.status]),
    ).toEqual([
      ["bluesky", bluesky.id, "pending"],
      ["x", null, "channel_lost"],
    ]);
    const told = (await carla.get("/api/notifications")).json();
    expect(JSON.stringify(told)).toContain("1 post(s) can no longer go out on acme");
    expect((await carla.delete(`/api/posts/${post.id}`)).statusCode).toBe(204);
    expect((await carla.get(`/api/posts/${post.id}`)).statusCode).toBe(404);
  });
});
