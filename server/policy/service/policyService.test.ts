import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";

const CARLA = { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" };
const OPS = { email: "otto@example.com", name: "Otto Ops", roles: ["approver"], password: "operations signs prices" };
const WRITE_GOOD = path.resolve(import.meta.dirname, "../fixtures/vale/write-good/write-good");
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** The write-good style as a zip of its folder, as an admin would upload it. */
function writeGoodZip(extra: Record<string, string> = {}): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(WRITE_GOOD)) files[`write-good/${name}`] = readFileSync(path.join(WRITE_GOOD, name));
  for (const [name, text] of Object.entries(extra)) files[name] = new TextEncoder().encode(text);
  return Buffer.from(zipSync(files));
}

describe.each(DIALECTS)("the organisation's policy on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let carla: TestClient;
  let x: { id: string };
  let ops: { id: string };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    const carlaId = (await admin.post("/api/users", CARLA)).json().id;
    const ottoId = (await admin.post("/api/users", OPS)).json().id;
    ops = (await admin.post("/api/teams", { name: "Operations", members: [{ userId: ottoId }] })).json();
    x = (await admin.post("/api/accounts", { network: "x", handle: "acme" })).json();
    await admin.put(`/api/accounts/${x.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: carlaId, permissions: ["draft", "publish"] }],
    });
    carla = t.client();
    await carla.csrf();
    await carla.login(CARLA.email, CARLA.password);
  });
  afterEach(async () => {
    await t.dispose();
  });

  const check = async (who: TestClient, text: string, extra: Record<string, unknown> = {}) => {
    const res = await who.post("/api/policy/check", { text, ...extra });
    expect(res.statusCode).toBe(200);
    return res.json().findings as { source: string; ruleId: string; level: string; reason: string; claim?: string }[];
  };
  const schedule = (who: TestClient, text: string, extra: Record<string, unknown> = {}) =>
    who.post("/api/posts", { text, timeZone: "UTC", scheduledAt: inHours(3), variants: [{ accountId: x.id }], ...extra });

  it("blocks a post that leaks a confidential name, shows why while composing, and lets only an admin override with a reason", async () => {
    const lexicon = await admin.put("/api/policy/lexicon", { confidential: ["Project Falcon"], swaps: [{ term: "utilize", use: "use" }] });
    expect(lexicon.statusCode).toBe(200);
    expect((await carla.put("/api/policy/lexicon", { banned: ["x"] })).statusCode).toBe(403);

    const text = "Project Falcon lands next week: we utilize new planes";
    expect((await check(carla, text)).map((f) => `${f.source}.${f.ruleId}:${f.level}`)).toEqual(
      expect.arrayContaining(["lexicon.confidential:error", "lexicon.swap:suggestion"]),
    );
    const live = (await carla.post("/api/posts/check", { text, variants: [{ accountId: x.id }] })).json();
    expect(live.variants[0].findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: "confidential", part: 0, start: 0 })]),
    );

    // Drafting is fine; submitting is not.
    expect((await carla.post("/api/posts", { text, timeZone: "UTC", variants: [{ accountId: x.id }] })).statusCode).toBe(201);
    const blocked = await schedule(carla, text);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error).toMatchObject({
      code: "policy_blocked",
      details: { findings: [expect.objectContaining({ ruleId: "confidential" })] },
    });
    const notAdmin = await schedule(carla, text, { policyOverride: { reason: "It was announced" } });
    expect(notAdmin.json().error.code).toBe("override_not_allowed");
    const overridden = await schedule(admin, text, { policyOverride: { reason: "Announced at the press event this morning" } });
    expect(overridden.statusCode).toBe(201);
    const events = (await admin.get(`/api/audit?targetId=${overridden.json().id}`)).json().events;
    expect(events.find((e: { action: string }) => e.action === "post.policy_overridden")?.summary).toContain(
      "Announced at the press event",
    );
  });

  it("switches packs and rules off and re-levels them", async () => {
    const shouty = "WE ARE SO EXCITED TO ANNOUNCE OUR NEW ROUTES";
    expect((await check(carla, shouty)).some((f) => f.source === "netiquette")).toBe(true);
    await admin.put("/api/policy/settings", { packs: { netiquette: { enabled: false } } });
    expect((await check(carla, shouty)).some((f) => f.source === "netiquette")).toBe(false);
    await admin.put("/api/policy/settings", { rules: { "netiquette.shouting": { level: "error" } } });
    const relevelled = (await check(carla, shouty)).find((f) => f.ruleId === "shouting");
    expect(relevelled?.level).toBe("error");
    const policy = (await carla.get("/api/policy")).json();
    expect(policy.rules.find((r: { id: string }) => r.id === "netiquette.shouting")).toMatchObject({ enabled: true, level: "error" });
    const actions = (await admin.get("/api/audit?targetType=policy")).json().events.map((e: { action: string }) => e.action);
    expect(actions).toContain("policy.settings_changed");
  });

  it("routes a post that promises a price to the team that approves prices", async () => {
    expect((await admin.put("/api/policy/claim-approvers", { price: "no-such-team" })).json().error.code).toBe("team_not_found");
    expect((await admin.put("/api/policy/claim-approvers", { price: ops.id })).statusCode).toBe(200);
    const priced = (await schedule(carla, "Lisbon from €49 this spring")).json();
    expect(priced.status).toBe("pending_approval");
    const review = (await carla.get(`/api/posts/${priced.id}/review`)).json();
    expect(review.approval.steps).toMatchObject([{ name: "Claim check: a price", approvers: [{ type: "team", id: ops.id }] }]);
    expect((await schedule(carla, "Lisbon is lovely this spring")).json().status).toBe("scheduled");
  });

  it("holds a campaign that invites the public to answer while sentiment is negative, not while it is neutral", async () => {
    const invite = "Tell us your dream luxury in-flight experience! #AcmeLuxury";
    t.services.brandSentiment = {
      current: async () => ({
        brand_sentiment: "negative",
        sentiment_figures: { negative_share: 0.62, mentions: 480, window_hours: 24, baseline_negative_share: 0.2 },
      }),
    };
    const risk = (await check(carla, invite)).find((f) => f.source === "campaign-risk");
    expect(risk).toMatchObject({ level: "error" });
    expect(risk?.reason).toContain("62%");
    expect((await schedule(carla, invite)).json().error.code).toBe("policy_blocked");
    t.services.brandSentiment = { current: async () => ({ brand_sentiment: "neutral" }) };
    expect((await check(carla, invite)).some((f) => f.source === "campaign-risk")).toBe(false);
    expect((await schedule(carla, invite)).statusCode).toBe(201);
  });

  it("loads an uploaded Vale style, names what did not load, and removes it again", async () => {
    const upload = (body: Buffer, type = "application/zip") =>
      admin.request({ method: "POST", url: "/api/policy/styles", headers: { "content-type": type }, payload: body });
    const res = await upload(writeGoodZip({ "write-good/Broken.yml": "extends: existence\ntokens: [unclosed\n" }));
    expect(res.statusCode).toBe(200);
    const policy = res.json();
    expect(policy.styles.names).toEqual(["write-good"]);
    expect(policy.styles.errors).toEqual([expect.objectContaining({ file: "write-good/Broken.yml", line: expect.any(Number) })]);
    expect(policy.rules.filter((r: { source: string }) => r.source === "write-good").length).toBeGreaterThanOrEqual(8);
    expect((await check(carla, "This is very unique and was written by us")).some((f) => f.source === "write-good")).toBe(true);
    expect((await upload(Buffer.from("not a zip"))).json().error.code).toBe("zip_invalid");
    expect((await admin.delete("/api/policy/styles/write-good")).statusCode).toBe(200);
    expect((await check(carla, "This is very unique and was written by us")).some((f) => f.source === "write-good")).toBe(false);
    expect((await admin.delete("/api/policy/styles/write-good")).json().error.code).toBe("style_not_found");
  });

  it("coaches an account on how much it sells, from what it published in the last 30 days", async () => {
    const empty = (await carla.get(`/api/accounts/${x.id}/coaching`)).json();
    expect(empty).toMatchObject({ posts: 0, pitchRatio: null, repliesAndEngagements: 0, inbound: 0, talkToListen: null });
    for (const text of ["Buy now: limited time offer on every flight", "Meet the crew who keep our planes flying"]) {
      const post = (await carla.post("/api/posts", { text, timeZone: "UTC", variants: [{ accountId: x.id }] })).json();
      // As the engine records a sent post.
      await t.services.db
        .updateTable("post_variants")
        .set({ status: "published", published_at: new Date().toISOString() })
        .where("post_id", "=", post.id)
        .execute();
    }
    const coaching = (await carla.get(`/api/accounts/${x.id}/coaching`)).json();
    expect(coaching).toMatchObject({ windowDays: 30, posts: 2, pitchRatio: 0.5 });
    expect(coaching.guidance.join(" ")).toContain("50% of posts read as sales pitches");
    expect(coaching).toMatchObject({ repliesAndEngagements: 0, talkToListen: 2 });
    // What the inbox recorded on this channel: three messages in, one answered.
    const now = new Date().toISOString();
    const conversation = {
      account_id: x.id,
      network: "x",
      kind: "mention",
      status: "open",
      priority: "normal",
      tags: "[]",
      message_count: 4,
    };
    await t.services.db
      .insertInto("inbox_conversations")
      .values({
        id: "c1",
        thread_key: "mention:1",
        subject: "hi",
        first_message_at: now,
        last_message_at: now,
        created_at: now,
        updated_at: now,
        ...conversation,
      })
      .execute();
    const message = (id: string, direction: string) => ({
      id,
      conversation_id: "c1",
      account_id: x.id,
      external_id: id,
      direction,
      text: "hi",
      sent_at: now,
      received_at: now,
    });
    await t.services.db
      .insertInto("inbox_messages")
      .values([message("m1", "in"), message("m2", "in"), message("m3", "in"), message("r1", "out")])
      .execute();
    const listened = (await carla.get(`/api/accounts/${x.id}/coaching`)).json();
    expect(listened).toMatchObject({ inbound: 3, repliesAndEngagements: 1, talkToListen: 2 });
    expect(listened.guidance.join(" ")).toContain("For every reply, 2.0 posts went out");
    expect((await carla.get("/api/accounts/nope/coaching")).statusCode).toBe(404);
  });

  it("checks empty, huge and every-script text without failing", async () => {
    expect(await check(carla, "")).toEqual([]);
    const huge = "Fly with us to Lisbon. ".repeat(4300);
    expect((await carla.post("/api/policy/check", { text: huge })).statusCode).toBe(200);
    const scripts = "Здравствуйте 你好 مرحبا שלום नमस्ते こんにちは 안녕하세요 ✈️🌍🏳️‍🌈 #旅行";
    expect((await carla.post("/api/policy/check", { text: scripts })).statusCode).toBe(200);
  });
});
