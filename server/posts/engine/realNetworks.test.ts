/**
 * The whole publishing path against real servers: a contributor composes for a Bluesky account on a
 * real PDS and a real WordPress site, an approver approves, and the engine sends the post at its time,
 * once, to each. Nothing goes out before approval or before the time.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { wordPressHttp, wpRest } from "../../../connectors/wordpress/test/fixtures.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { type BlueskyPds, startBlueskyPds } from "../../../test/servers/bluesky/pds.js";
import { startWordPress, type TestWordPress } from "../../../test/servers/wordpress/startWordPress.js";
import { runDuePublishing } from "./runDue.js";

const CARLA = { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" };
const LENA = { email: "lena@example.com", name: "Lena Legal", roles: ["approver"], password: "legal reads every word" };

let pds: BlueskyPds;
let wp: TestWordPress;
beforeAll(async () => {
  [pds, wp] = await Promise.all([startBlueskyPds(), startWordPress()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([pds?.stop(), wp?.stop()]);
});

/** The texts of alice's posts, read from her repository on the PDS as anyone could. */
async function blueskyTexts(): Promise<string[]> {
  const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${pds.alice.did}&collection=app.bsky.feed.post&limit=100`);
  const body = (await res.json()) as { records: { value: { text: string } }[] };
  return body.records.map((r) => r.value.text);
}

async function wordPressTitles(search: string): Promise<string[]> {
  const res = await wpRest(wp, `wp/v2/posts?search=${encodeURIComponent(search)}&status=publish,draft,pending,future`);
  return (res.json as unknown as { title: { rendered: string }; content: { rendered: string } }[]).map((p) => p.content.rendered);
}

describe.each(DIALECTS)("composing, approving and publishing to a real PDS and a real WordPress on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let carla: TestClient;
  let lena: TestClient;
  const http = wordPressHttp();

  beforeEach(async () => {
    t = await createTestApp(dialect, {}, { http });
    admin = await t.setupAdmin();
    const carlaId = (await admin.post("/api/users", CARLA)).json().id;
    const lenaId = (await admin.post("/api/users", LENA)).json().id;
    const connect = async (network: string, handle: string, body: Record<string, string>) => {
      const account = (await admin.post("/api/accounts", { network, handle })).json();
      const res = await admin.post(`/api/accounts/${account.id}/connect`, body);
      expect(res.statusCode, res.body).toBe(200);
      await admin.put(`/api/accounts/${account.id}/grants`, {
        grants: [{ subjectType: "user", subjectId: carlaId, permissions: ["draft"] }],
      });
      const workflow = await admin.put("/api/approval-workflows", {
        name: `${network} review`,
        scopeType: "account",
        scopeId: account.id,
        expireMinutesBefore: 0,
        steps: [{ name: "Legal", mode: "any", approvers: [{ type: "user", id: lenaId }] }],
      });
      expect(workflow.statusCode).toBe(200);
      return account.id as string;
    };
    const bluesky = await connect("bluesky", pds.alice.handle, {
      baseUrl: pds.url,
      identifier: pds.alice.handle,
      secret: pds.alice.appPassword,
    });
    const wordpress = await connect("wordpress", "blog.example.org", {
      baseUrl: wp.url,
      identifier: wp.admin.username,
      secret: wp.admin.applicationPassword,
    });
    channels = [bluesky, wordpress];
    carla = t.client();
    await carla.csrf();
    await carla.login(CARLA.email, CARLA.password);
    lena = t.client();
    await lena.csrf();
    await lena.login(LENA.email, LENA.password);
  }, 60_000);
  afterEach(async () => {
    await t.dispose();
  });
  afterAll(async () => {
    await http.close();
  });
  let channels: string[] = [];

  it("sends nothing before approval or before its time, then exactly one post to each network", async () => {
    const text = `Spring timetable is live (${dialect} ${Date.now()})`;
    const at = new Date(Date.now() + 2 * 60_000);
    const composed = await carla.post("/api/posts", {
      text,
      timeZone: "Europe/Berlin",
      scheduledAt: at.toISOString(),
      variants: channels.map((accountId) => ({ accountId })),
    });
    expect(composed.statusCode).toBe(201);
    const post = composed.json();
    expect(post.status).toBe("pending_approval");
    // Both channels' workflows ask Lena: she approves once.
    const review = (await lena.get(`/api/posts/${post.id}/review`)).json();
    expect(review.approval.steps).toMatchObject([{ name: "Legal", reason: 'Workflow "bluesky review"; Workflow "wordpress review"' }]);
    const later = new Date(at.getTime() + 1000);

    // Not approved: nothing goes out, even when its time has come.
    expect(await runDuePublishing(t.services, "e2e", later)).toEqual([]);
    expect((await lena.post(`/api/posts/${post.id}/approve`, { version: post.version })).statusCode).toBe(200);
    // Approved but not yet due.
    expect(await runDuePublishing(t.services, "e2e")).toEqual([]);
    expect((await blueskyTexts()).filter((x) => x === text)).toHaveLength(0);

    expect((await runDuePublishing(t.services, "e2e", later)).sort()).toEqual(["published", "published"]);
    expect(await runDuePublishing(t.services, "e2e", new Date(later.getTime() + 60_000))).toEqual([]);

    expect((await blueskyTexts()).filter((x) => x === text)).toHaveLength(1);
    const onWordPress = await wordPressTitles(text);
    expect(onWordPress).toHaveLength(1);
    expect(onWordPress[0]).toContain("Spring timetable is live");

    const published = (await carla.get(`/api/posts/${post.id}`)).json();
    expect(published.status).toBe("published");
    for (const variant of published.variants) expect(variant).toMatchObject({ status: "published", remoteUrl: expect.any(String) });
    const blueskyVariant = published.variants.find((v: { network: string }) => v.network === "bluesky");
    expect(blueskyVariant.remoteUrl).toContain(pds.alice.did);
  });
});
