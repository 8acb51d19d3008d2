import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { dumpDatabase } from "../../test/helpers/dumpDatabase.js";
import { startSmtpServer } from "../../test/helpers/smtpServer.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { linkRuntimeOf } from "../links/runtime.js";
import { lastFullWeek } from "./digest.js";
import { RateLimiter } from "./rateLimit.js";
import { rollupDaily } from "./rollup.js";
import { sendWeeklyDigest } from "./sendDigest.js";
import { signConversion } from "./signature.js";
import { analyticsDb } from "./tables.js";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)("analytics on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;

  const signedIn = async (email: string, roles: string[]) => {
    expect((await admin.post("/api/users", { email, name: email, roles, password: "a long enough password" })).statusCode).toBe(201);
    const client = t.client();
    expect((await client.login(email, "a long enough password")).statusCode).toBe(200);
    return client;
  };
  /** Follows a short link as a person would and returns the click id handed to the destination. */
  const click = async (code: string, ip: string) => {
    const res = await t.app.inject({ method: "GET", url: `/l/${code}`, remoteAddress: ip, headers: { "user-agent": CHROME } });
    expect(res.statusCode).toBe(302);
    return new URL(String(res.headers.location)).searchParams.get("sb_click") as string;
  };
  const post = (secret: string, body: unknown, timestamp = String(Math.floor(Date.now() / 1000)), ip = "198.51.100.7") => {
    const raw = JSON.stringify(body);
    return t.app.inject({
      method: "POST",
      url: "/api/conversions",
      remoteAddress: ip,
      headers: {
        "content-type": "application/json",
        "x-switchboard-timestamp": timestamp,
        "x-switchboard-signature": signConversion(secret, timestamp, raw),
      },
      payload: raw,
    });
  };
  const settle = async () => {
    await linkRuntimeOf(t.services.db)?.recorder.flush();
    await rollupDaily(analyticsDb(t.services.db));
  };

  beforeEach(async () => {
    t = await createTestApp(dialect, { BASE_URL: "https://sb.example" });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("a signed conversion is tied to its click, a replay is not counted twice, and a sale follows its customer", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Spring Sale" })).json();
    const account = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.example" })).json();
    const link = (
      await admin.post("/api/links", { destination: "https://shop.example/spring", campaignId: campaign.id, accountId: account.id })
    ).json();
    const clickId = await click(link.code, "203.0.113.1");
    await click(link.code, "203.0.113.2");
    await linkRuntimeOf(t.services.db)?.recorder.flush();

    const made = await admin.post("/api/analytics/conversion-secret");
    expect(made.statusCode, made.body).toBe(200);
    const { secret } = made.json();
    expect(secret).toMatch(/^sbcv_/);

    const lead = { clickId, dedupeKey: "lead-1", kind: "lead", customerKey: "cust-9" };
    // Unsigned, forged, stale: refused with stable codes, before anything is stored.
    const unsigned = await t.app.inject({
      method: "POST",
      url: "/api/conversions",
      headers: { "content-type": "application/json" },
      payload: lead,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.code).toBe("signature_missing");
    expect((await post("sbcv_not-the-secret", lead)).json().error.code).toBe("bad_signature");
    const stale = await post(secret, lead, String(Math.floor(Date.now() / 1000) - 600));
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe("signature_expired");
    const invalid = await post(secret, { dedupeKey: "x", kind: "refund" });
    expect(invalid.statusCode).toBe(400);
    const noCurrency = await post(secret, { dedupeKey: "x", kind: "sale", value: 10 });
    expect(noCurrency.json().error.code).toBe("conversion_currency_required");

    const first = await post(secret, lead);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ duplicate: false, attribution: "click" });
    const replay = await post(secret, lead);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ id: first.json().id, duplicate: true });

    // The customer buys later, from a bookmark (no click id): the sale follows their lead's click.
    const sale = await post(secret, { dedupeKey: "order-77", kind: "sale", value: 400, currency: "eur", customerKey: "cust-9" });
    expect(sale.json()).toMatchObject({ duplicate: false, attribution: "customer" });
    // A sale in another currency is counted but not valued.
    await post(secret, { clickId, dedupeKey: "order-78", kind: "sale", value: 50, currency: "USD" });

    expect(
      (await admin.post(`/api/analytics/campaigns/${campaign.id}/costs`, { kind: "money", amount: 100, incurredOn: today() })).statusCode,
    ).toBe(201);
    const hours = await admin.post(`/api/analytics/campaigns/${campaign.id}/costs`, {
      kind: "hours",
      hours: 2,
      rate: 25,
      note: "Copywriting",
      incurredOn: today(),
    });
    expect(hours.statusCode, hours.body).toBe(201);
    expect(hours.json()).toMatchObject({ kind: "hours", hours: 2, rate: 25, amount: 50, currency: "EUR" });
    const bad = await admin.post(`/api/analytics/campaigns/${campaign.id}/costs`, { kind: "money", amount: -5, incurredOn: today() });
    expect(bad.statusCode).toBe(400);
    expect(
      (await admin.post("/api/analytics/campaigns/nope/costs", { kind: "money", amount: 5, incurredOn: today() })).json().error.code,
    ).toBe("campaign_not_found");

    await settle();
    const report = await admin.get(`/api/analytics/report?campaignId=${campaign.id}`);
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.totals).toMatchObject({ clicks: 2, leads: 1, sales: 2, value: 400, cost: 150, costPerLead: 150, costPerClick: 75 });
    expect(r.totals.roi).toBeCloseTo((400 - 150) / 150, 3);
    expect(r.series.at(-1)).toMatchObject({ day: today(), clicks: 2, leads: 1, sales: 2, value: 400, cost: 150 });
    expect(r.links).toEqual([expect.objectContaining({ id: link.id, label: `/l/${link.code}`, clicks: 2, leads: 1 })]);
    expect(r.channels).toEqual([expect.objectContaining({ id: account.id, label: "@acme.example", detail: "bluesky" })]);
    expect(r.campaigns).toEqual([expect.objectContaining({ id: campaign.id, label: "Spring Sale", cost: 150, costPerLead: 150 })]);
    expect(r.assumptions.join(" ")).toContain("1 conversions with a value in another currency");
    expect(r.earnedMedia).toMatchObject({ modelled: true, value: null });

    // The overview holds the same, and a link's dashboard has no cost (costs are per campaign).
    const overview = (await admin.get("/api/analytics/report")).json();
    expect(overview.totals).toMatchObject({ clicks: 2, leads: 1, cost: 150 });
    const linkView = (await admin.get(`/api/analytics/report?linkId=${link.id}`)).json();
    expect(linkView.totals).toMatchObject({ clicks: 2, leads: 1, cost: null, roi: null });

    // Audited, and the secret is nowhere but the vault's ciphertext.
    const actions = (await t.database.db.selectFrom("audit_events").select("action").execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["analytics.conversion_secret_rotated", "analytics.cost_added"]));
    expect(JSON.stringify(await dumpDatabase(t.database.db))).not.toContain(secret);
  });

  it("a conversion that arrives before its click is written is attributed once the click is stored", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Autumn" })).json();
    const link = (await admin.post("/api/links", { destination: "https://shop.example/autumn", campaignId: campaign.id })).json();
    const { secret } = (await admin.post("/api/analytics/conversion-secret")).json();
    const clickId = await click(link.code, "203.0.113.9"); // still in the redirector's buffer
    const early = await post(secret, { clickId, dedupeKey: "early", kind: "signup" });
    expect(early.json().attribution).toBe("pending");
    await settle();
    const row = await analyticsDb(t.services.db).selectFrom("analytics_conversions").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attributed_via: "click", link_id: link.id, campaign_id: campaign.id });
    const r = (await admin.get(`/api/analytics/report?campaignId=${campaign.id}`)).json();
    expect(r.totals).toMatchObject({ clicks: 1, signups: 1 });
  });

  it("the pixel is off until an admin switches it on, and its conversions are labelled unsigned", async () => {
    const lead = await signedIn("lead@example.com", ["lead"]);
    const viewer = await signedIn("viewer@example.com", ["viewer"]);
    const pixel = (q: string) => t.app.inject({ method: "GET", url: `/api/conversions/pixel.gif?${q}` });
    expect((await pixel("key=p1&kind=lead")).json().error.code).toBe("pixel_disabled");

    const refused = await lead.patch("/api/analytics/settings", { pixelEnabled: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("admin_only");
    expect((await viewer.patch("/api/analytics/settings", { pixelEnabled: true })).statusCode).toBe(403);
    const saved = await admin.patch("/api/analytics/settings", { pixelEnabled: true, cpc: 0.8, currency: "usd" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ pixelEnabled: true, cpc: 0.8, currency: "USD", signingSecret: { configured: false } });

    const res = await pixel("key=p1&kind=sale&value=12.5&currency=USD");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/gif");
    expect((await pixel("key=p1&kind=sale&value=12.5&currency=USD")).statusCode).toBe(200); // replay: stored once
    expect((await pixel("kind=sale")).statusCode).toBe(400);
    await settle();
    const r = (await viewer.get("/api/analytics/report")).json();
    expect(r.totals).toMatchObject({ sales: 1, value: 12.5, unsigned: 1, cost: 0, roi: null });
    expect(r.assumptions.join(" ")).toContain("1 conversions came through the unsigned pixel");
    expect(r.earnedMedia).toMatchObject({ modelled: true, value: 0, cpc: 0.8 });

    // Costs: leads may add them, viewers may not; removing one is audited too.
    const campaign = (await admin.post("/api/campaigns", { name: "Winter" })).json();
    expect(
      (await viewer.post(`/api/analytics/campaigns/${campaign.id}/costs`, { kind: "money", amount: 5, incurredOn: today() })).statusCode,
    ).toBe(403);
    const cost = await lead.post(`/api/analytics/campaigns/${campaign.id}/costs`, { kind: "money", amount: 5, incurredOn: today() });
    expect(cost.statusCode).toBe(201);
    expect((await lead.delete(`/api/analytics/campaigns/${campaign.id}/costs/${cost.json().id}`)).statusCode).toBe(204);
    expect((await lead.get(`/api/analytics/campaigns/${campaign.id}/costs`)).json().items).toEqual([]);
    const actions = (await t.database.db.selectFrom("audit_events").select("action").execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["analytics.settings_changed", "analytics.cost_added", "analytics.cost_deleted"]));
    expect((await admin.get("/api/analytics/report?from=2026-02-01&to=2026-01-01")).json().error.code).toBe("analytics_range_invalid");
  });

  it("inbox leads count towards their channel, and service times match a hand-counted fixture", async () => {
    const account = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.example" })).json();
    const team = await admin.post("/api/teams", { name: "Care" });
    expect(team.statusCode, team.body).toBe(201);
    const db = t.database.db;
    const base = Date.now() - 3 * 3_600_000;
    const at = (min: number) => new Date(base + min * 60_000).toISOString();
    // Three conversations in the team: answered after 10 and 30 minutes, and one not answered.
    for (const [i, reply] of [10, 30, null].entries()) {
      const id = `00000000-0000-7000-8000-00000000000${i}`;
      await db
        .insertInto("inbox_conversations")
        .values({
          id,
          account_id: account.id,
          network: "bluesky",
          kind: "mention",
          thread_key: `t${i}`,
          contact_id: null,
          subject: `Question ${i}`,
          status: "open",
          priority: "normal",
          team_id: team.json().id,
          assignee_id: null,
          tags: "[]",
          suggested_reply_id: null,
          sentiment: null,
          intent: null,
          topic: null,
          message_count: 1,
          first_message_at: at(0),
          last_message_at: at(0),
          snoozed_until: null,
          created_at: at(0),
          updated_at: at(0),
        })
        .execute();
      const message = (direction: string, min: number) => ({
        id: `${id}-${direction}`,
        conversation_id: id,
        account_id: account.id,
        external_id: `${i}-${direction}`,
        direction,
        contact_id: null,
        author_user_id: null,
        text: "…",
        url: null,
        in_reply_to: null,
        sentiment: null,
        sentiment_confidence: null,
        intent: null,
        topic: null,
        sent_at: at(min),
        received_at: at(min),
      });
      await db.insertInto("inbox_messages").values(message("in", 0)).execute();
      if (reply !== null) await db.insertInto("inbox_messages").values(message("out", reply)).execute();
    }
    const marked = await admin.put("/api/inbox/conversations/00000000-0000-7000-8000-000000000000/lead", {
      name: "Dana",
      company: "Initech",
      email: "dana@initech.example",
      note: "",
    });
    expect(marked.statusCode, marked.body).toBe(201);
    await settle();
    const r = (await admin.get(`/api/analytics/report?accountId=${account.id}`)).json();
    expect(r.totals).toMatchObject({ inboxLeads: 1, leads: 0 });
    expect(r.channels[0]).toMatchObject({ id: account.id, inboxLeads: 1 });

    const service = await admin.get("/api/analytics/service");
    expect(service.statusCode, service.body).toBe(200);
    expect(service.json().inbox.teams).toEqual([
      expect.objectContaining({ label: "Care", count: 3, answered: 2, responseRate: 0.667, medianFirstResponseMinutes: 20 }),
    ]);
  });
});

describe.each(DIALECTS)("the weekly digest on %s", (dialect) => {
  it("goes once to leads and executives as email-friendly HTML, with last week's figures", async () => {
    const smtp = await startSmtpServer();
    const t = await createTestApp(dialect, { BASE_URL: "https://sb.example", SMTP_URL: smtp.url });
    try {
      const admin = await t.setupAdmin();
      for (const [email, roles] of [
        ["lead@example.com", ["lead"]],
        ["exec@example.com", ["viewer"]],
        ["agent@example.com", ["agent"]],
      ] as const) {
        const res = await admin.post("/api/users", { email, name: email, roles, password: "a long enough password" });
        expect(res.statusCode).toBe(201);
      }
      const campaign = (await admin.post("/api/campaigns", { name: "Spring <Sale>" })).json();
      const link = (await admin.post("/api/links", { destination: "https://shop.example/spring", campaignId: campaign.id })).json();
      const now = Date.parse("2026-11-23T08:00:00Z"); // a Monday
      const week = lastFullWeek(now);
      expect(week).toEqual({ week: "2026-11-16", from: "2026-11-16", to: "2026-11-22" });
      const db = analyticsDb(t.services.db);
      expect(await sendWeeklyDigest(db, t.services.config, now)).toEqual({ skipped: "nothing_to_report" });
      await db
        .insertInto("link_clicks")
        .values(
          [0, 1, 2, 3].map((i) => ({
            id: `00000000-0000-7000-8000-00000000000${i}`,
            link_id: link.id,
            visitor_hash: `v${i}`,
            clicked_at: "2026-11-18T10:00:00.000Z",
            hour: "2026-11-18T10:00:00.000Z",
            recorded_at: new Date().toISOString(),
            post_id: null,
            campaign_id: campaign.id,
            account_id: null,
            utm_source: null,
            utm_medium: null,
            utm_campaign: null,
            utm_term: null,
            utm_content: null,
          })),
        )
        .execute();
      await rollupDaily(db);
      expect(await sendWeeklyDigest(db, t.services.config, now)).toEqual({ sent: 2, week: "2026-11-16" });
      expect(await sendWeeklyDigest(db, t.services.config, now + 3_600_000)).toEqual({ skipped: "already_sent" });
      expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(["exec@example.com", "lead@example.com"]);
      const raw = smtp.received[0]?.raw ?? "";
      expect(raw).toContain("Subject: Switchboard weekly digest, 2026-11-16 to 2026-11-22");
      expect(raw).toContain("Content-Type: text/html");
      expect(raw).toContain("Content-Type: text/plain");
      const html = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      expect(html).toContain("Spring &#60;Sale&#62;");
      expect(html).not.toContain("<script");
      const events = await t.database.db
        .selectFrom("audit_events")
        .select(["action", "target_id"])
        .where("action", "=", "analytics.digest_sent")
        .execute();
      expect(events).toEqual([{ action: "analytics.digest_sent", target_id: "2026-11-16" }]);
    } finally {
      await t.dispose();
      await smtp.close();
    }
  });
});

describe("conversion rate limit", () => {
  it("refuses an address past its allowance within the window, and lets it in again after", () => {
    const limiter = new RateLimiter(2, 60_000);
    limiter.take("a", 0);
    limiter.take("a", 1);
    expect(() => limiter.take("a", 2)).toThrow(expect.objectContaining({ code: "rate_limited", status: 429 }));
    limiter.take("b", 2);
    limiter.take("a", 60_001);
  });
});
