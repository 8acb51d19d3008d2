import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { type PublishingApp, signInAs, startPublishingApp } from "../../../test/helpers/publishingApp.js";
import type { TestClient } from "../../../test/helpers/testApp.js";
import { publishPass, runDuePublishing } from "../engine/runDue.js";
import { listPauses } from "./store.js";

const LEA = { email: "lea@example.com", name: "Lea Lead", roles: ["lead"], password: "a social lead who pauses" };
const CARLA = { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" };
const HOUR = 3_600_000;

describe.each(DIALECTS)("pausing publishing on %s", (dialect) => {
  let p: PublishingApp;
  let admin: TestClient;

  beforeEach(async () => {
    p = await startPublishingApp(dialect);
    admin = p.admin;
  });
  afterEach(async () => {
    await p.dispose();
  });

  const schedule = async (text: string, campaignId?: string) => {
    const res = await admin.post("/api/posts", {
      text,
      timeZone: "UTC",
      scheduledAt: new Date().toISOString(),
      variants: [{ accountId: p.accountId }],
      ...(campaignId ? { campaignId } : {}),
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };
  const tweeted = (text: string) => p.x.tweets.filter((tw) => tw.text === text).length;
  const statusOf = async (id: string) => {
    const post = (await admin.get(`/api/posts/${id}`)).json();
    return [post.status, post.variants[0].status];
  };
  const pause = (body: object) => admin.post("/api/publish-pauses", body);

  it("holds everything while paused, tells the leads, audits both steps, and sends once resumed", async () => {
    const lea = await signInAs(p.t, admin, LEA);
    const post = await schedule("Held by the kill switch");
    const paused = await pause({ scope: "all", reason: "  Breaking news: hold everything  " });
    expect(paused.statusCode).toBe(201);
    expect(paused.json()).toMatchObject({
      scope: "all",
      scopeId: null,
      scopeLabel: "Everything",
      reason: "Breaking news: hold everything",
      pausedBy: { name: "Ada Admin" },
      inForce: true,
      held: { due: 1, late: 0 },
    });

    expect(await runDuePublishing(p.t.services, "w1")).toEqual([]);
    expect(tweeted("Held by the kill switch")).toBe(0);
    expect(await statusOf(post.id)).toEqual(["scheduled", "pending"]);

    const listed = (await lea.client.get("/api/publish-pauses")).json();
    expect(listed).toMatchObject({ inForce: [{ id: paused.json().id, held: { due: 1, late: 0 } }], recent: [], missedAfterMinutes: 60 });
    const told = (await lea.client.get("/api/notifications")).json().notifications;
    expect(told).toMatchObject([{ kind: "publishing.paused", title: "Publishing paused: Everything", link: "/publishing" }]);

    const resumed = await lea.client.post(`/api/publish-pauses/${paused.json().id}/resume`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ inForce: false, resumedBy: { name: "Lea Lead" }, held: { due: 1, late: 0 } });
    expect(await runDuePublishing(p.t.services, "w1")).toEqual(["published"]);
    expect(tweeted("Held by the kill switch")).toBe(1);
    expect((await admin.get("/api/publish-pauses")).json()).toMatchObject({ inForce: [], recent: [{ id: paused.json().id }] });

    const events = (await admin.get(`/api/audit?targetId=${paused.json().id}`)).json().events;
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual(["publishing.paused", "publishing.resumed"]);
    expect(events.find((e: { action: string }) => e.action === "publishing.resumed").actorLabel).toBe(LEA.email);
    const adminTold = (await admin.get("/api/notifications")).json().notifications;
    expect(adminTold).toEqual([]); // admins are not social leads; Lea does not notify herself of her own resume
    expect((await lea.client.get("/api/notifications")).json().notifications).toHaveLength(1);
  });

  it("a campaign pause holds only that campaign's posts", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Spring sale" })).json();
    const inCampaign = await schedule("Spring sale starts", campaign.id);
    const other = await schedule("Unrelated news");
    const paused = (await pause({ scope: "campaign", scopeId: campaign.id, reason: "Prices are wrong" })).json();
    expect(paused).toMatchObject({ scope: "campaign", scopeId: campaign.id, scopeLabel: "Spring sale", held: { due: 1 } });

    expect(await runDuePublishing(p.t.services, "w1")).toEqual(["published"]);
    expect(tweeted("Unrelated news")).toBe(1);
    expect(tweeted("Spring sale starts")).toBe(0);
    expect(await statusOf(other.id)).toEqual(["published", "published"]);
    expect(await statusOf(inCampaign.id)).toEqual(["scheduled", "pending"]);

    expect((await admin.post(`/api/publish-pauses/${paused.id}/resume`)).statusCode).toBe(200);
    expect(await runDuePublishing(p.t.services, "w1")).toEqual(["published"]);
    expect(tweeted("Spring sale starts")).toBe(1);
  });

  it("holds a channel past the missed window without marking it missed, then marks it missed on resume", async () => {
    const post = await schedule("Flash sale until noon");
    const paused = (await pause({ scope: "account", scopeId: p.accountId, reason: "Account under review" })).json();
    expect(paused.scopeLabel).toMatch(/\(x\)$/);
    const later = new Date(Date.now() + HOUR + 60_000);
    expect(await runDuePublishing(p.t.services, "w1", later)).toEqual([]);
    expect(await statusOf(post.id)).toEqual(["scheduled", "pending"]);
    // What the resume dialog warns about: held past the window, so it will be marked missed.
    const seen = await listPauses(p.t.services.db, p.t.services.config.publishMissedAfterMs, 10, later);
    expect(seen.inForce).toMatchObject([{ held: { due: 1, late: 1 } }]);

    expect((await admin.post(`/api/publish-pauses/${paused.id}/resume`)).statusCode).toBe(200);
    expect(await runDuePublishing(p.t.services, "w1", later)).toEqual([]);
    expect(tweeted("Flash sale until noon")).toBe(0);
    expect(await statusOf(post.id)).toEqual(["missed", "missed"]);
  });

  it("holds what an engine claimed ahead of its moment when the pause comes before that moment", async () => {
    const res = await admin.post("/api/posts", {
      text: "Claimed ahead, then paused",
      timeZone: "UTC",
      scheduledAt: new Date(Date.now() + 1500).toISOString(),
      variants: [{ accountId: p.accountId }],
    });
    const post = res.json() as { id: string };
    const pass = publishPass(p.t.services, "w1", { lookaheadMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await pause({ scope: "all", reason: "Hold it" })).statusCode).toBe(201);
    expect((await pass).outcomes).toEqual([]);
    expect(tweeted("Claimed ahead, then paused")).toBe(0);
    expect(await statusOf(post.id)).toEqual(["scheduled", "pending"]);
  });

  it("keeps holding under another pause in force when one is resumed", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Launch" })).json();
    await schedule("Launch day", campaign.id);
    await schedule("Weekly tips");
    const all = (await pause({ scope: "all", reason: "Outage" })).json();
    const launch = (await pause({ scope: "campaign", scopeId: campaign.id, reason: "Launch moved" })).json();
    expect((await admin.get("/api/publish-pauses")).json().inForce.map((x: { id: string }) => x.id)).toEqual([all.id, launch.id]);
    expect(await runDuePublishing(p.t.services, "w1")).toEqual([]);
    await admin.post(`/api/publish-pauses/${all.id}/resume`);
    expect(await runDuePublishing(p.t.services, "w1")).toEqual(["published"]);
    expect([tweeted("Weekly tips"), tweeted("Launch day")]).toEqual([1, 0]);
  });

  it("refuses bad input with clear codes, and pausing to those without the permission", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Autumn" })).json();
    const refused = async (body: object) => {
      const res = await pause(body);
      return [res.statusCode, res.json().error.code];
    };
    expect(await refused({ scope: "all", reason: "   " })).toEqual([400, "reason_required"]);
    expect(await refused({ scope: "account", reason: "why" })).toEqual([400, "scope_id_required"]);
    expect(await refused({ scope: "all", scopeId: p.accountId, reason: "why" })).toEqual([400, "scope_id_not_allowed"]);
    expect(await refused({ scope: "account", scopeId: "nope", reason: "why" })).toEqual([404, "account_not_found"]);
    expect(await refused({ scope: "campaign", scopeId: p.accountId, reason: "why" })).toEqual([404, "campaign_not_found"]);
    expect(await refused({ scope: "planet", reason: "why" })).toEqual([400, "validation_failed"]);
    const first = (await pause({ scope: "campaign", scopeId: campaign.id, reason: "why" })).json();
    expect(await refused({ scope: "campaign", scopeId: campaign.id, reason: "again" })).toEqual([409, "already_paused"]);

    const resume = async (id: string) => {
      const res = await admin.post(`/api/publish-pauses/${id}/resume`);
      return [res.statusCode, res.json()?.error?.code];
    };
    expect(await resume("nope")).toEqual([404, "pause_not_found"]);
    expect((await resume(first.id))[0]).toBe(200);
    expect(await resume(first.id)).toEqual([409, "pause_not_in_force"]);

    const carla = await signInAs(p.t, admin, CARLA);
    expect((await carla.client.get("/api/publish-pauses")).statusCode).toBe(200);
    expect((await carla.client.post("/api/publish-pauses", { scope: "all", reason: "I want to" })).statusCode).toBe(403);
    const again = (await pause({ scope: "all", reason: "Outage" })).json();
    expect((await carla.client.post(`/api/publish-pauses/${again.id}/resume`)).statusCode).toBe(403);
    const actions = (await admin.get("/api/audit?action=publishing.paused")).json().events;
    expect(actions).toHaveLength(2);
  });
});
