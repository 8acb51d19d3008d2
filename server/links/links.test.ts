import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { dumpDatabase } from "../../test/helpers/dumpDatabase.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { ClickRecorder } from "./clickRecorder.js";
import { cachedLinkOf } from "./linkCache.js";
import { rollupClicks } from "./rollup.js";
import { linkRuntimeOf } from "./runtime.js";
import { ensureSalt, rotateSalts, SaltKeeper } from "./salts.js";
import { findUrls } from "./shortenPostLinks.js";
import { linksDb } from "./tables.js";
import { DAY_MS, dayOf, visitorHash } from "./visitor.js";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
const VISITOR_IP = "203.0.113.77";
const OTHER_IP = "198.51.100.23";

describe.each(DIALECTS)("tracked links on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  const follow = (code: string, ip = VISITOR_IP, userAgent: string | null = CHROME, method: "GET" | "HEAD" = "GET") =>
    t.app.inject({ method, url: `/l/${code}`, remoteAddress: ip, headers: userAgent === null ? {} : { "user-agent": userAgent } });
  const settle = async () => {
    await linkRuntimeOf(t.services.db)?.recorder.flush();
    await rollupClicks(linksDb(t.services.db));
  };
  const signedIn = async (email: string, roles: string[]) => {
    expect((await admin.post("/api/users", { email, name: email, roles, password: "a long enough password" })).statusCode).toBe(201);
    const client = t.client();
    expect((await client.login(email, "a long enough password")).statusCode).toBe(200);
    return client;
  };

  beforeEach(async () => {
    t = await createTestApp(dialect, { BASE_URL: "https://sb.example" });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("redirects first and counts one click per visitor per hour, never bots or HEAD, keeping no IP address", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Spring Sale" })).json();
    const account = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.example" })).json();
    const preset = await admin.put(`/api/links/campaigns/${campaign.id}/utm`, {
      utm: { source: "{network}", medium: "social", campaign: "{campaign}" },
    });
    expect(preset.statusCode, preset.body).toBe(200);

    const created = await admin.post("/api/links", {
      destination: "https://shop.example/spring?ref=x#top",
      campaignId: campaign.id,
      accountId: account.id,
      utm: { content: "hero" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json();
    expect(link).toMatchObject({
      shortUrl: `https://sb.example/l/${link.code}`,
      utm: { source: "bluesky", medium: "social", campaign: "spring-sale", term: null, content: "hero" },
      target: "https://shop.example/spring?ref=x&utm_source=bluesky&utm_medium=social&utm_campaign=spring-sale&utm_content=hero#top",
      status: "active",
      clicks: 0,
    });
    expect(link.code).toMatch(/^[A-Za-z0-9]{7}$/);

    // A person: 302 to the destination with a click id; the same person again within the hour gets the same id.
    const first = await follow(link.code);
    expect(first.statusCode).toBe(302);
    const location = String(first.headers.location);
    const match = /^https:\/\/shop\.example\/spring\?ref=x&utm_source=bluesky.*&utm_content=hero&sb_click=([0-9a-f-]{36})#top$/.exec(
      location,
    );
    expect(match, location).not.toBeNull();
    expect(first.headers["cache-control"]).toBe("no-store");
    expect((await follow(link.code)).headers.location).toBe(location);
    // Someone else, and the first person with another browser: two more visitors.
    expect((await follow(link.code, OTHER_IP)).headers.location).not.toBe(location);
    expect((await follow(link.code, VISITOR_IP, SAFARI)).headers.location).not.toBe(location);
    // Link unfurlers, crawlers, scripts, no user agent and HEAD are sent on but not counted (and get no click id).
    for (const bot of [
      "facebookexternalhit/1.1",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "curl/8.5.0",
      "Googlebot/2.1",
    ]) {
      const res = await follow(link.code, "192.0.2.1", bot);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(link.target);
    }
    expect((await follow(link.code, "192.0.2.2", null)).headers.location).toBe(link.target);
    const head = await follow(link.code, "192.0.2.3", CHROME, "HEAD");
    expect(head.statusCode).toBe(302);
    expect(head.headers.location).toBe(link.target);

    // Nothing is written until the buffer is flushed: the redirect did not wait for the database.
    // On the embedded database the batches are written by a writer thread with its own connection.
    expect(linkRuntimeOf(t.services.db)?.recorder.offThread).toBe(dialect === "sqlite");
    const ldb = linksDb(t.services.db);
    expect(await ldb.selectFrom("link_clicks").selectAll().execute()).toHaveLength(0);
    await settle();
    const clicks = await ldb.selectFrom("link_clicks").selectAll().orderBy("id").execute();
    expect(clicks).toHaveLength(3);
    expect(clicks.map((c) => c.id)).toContain(match?.[1]);
    for (const c of clicks) {
      expect(c).toMatchObject({
        link_id: link.id,
        campaign_id: campaign.id,
        account_id: account.id,
        post_id: null,
        utm_source: "bluesky",
        utm_medium: "social",
        utm_campaign: "spring-sale",
        utm_content: "hero",
        utm_term: null,
      });
      expect(c.visitor_hash).toMatch(/^[0-9a-f]{32}$/);
    }
    const listed = (await admin.get("/api/links")).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: link.id, clicks: 3, clicks7d: 3, campaign: { id: campaign.id, name: "Spring Sale" } });

    // Clicking again after the flush still counts once.
    await follow(link.code);
    await settle();
    expect((await admin.get(`/api/links/${link.id}`)).json().clicks).toBe(3);
    const hours = (await admin.get(`/api/links/${link.id}/clicks?interval=hour`)).json();
    expect(hours.points).toHaveLength(48);
    expect(hours.points.at(-1).clicks).toBe(3);
    expect(hours.total).toBe(3);
    const days = (await admin.get(`/api/links/${link.id}/clicks?interval=day&timeZone=Pacific/Kiritimati`)).json();
    expect(days.total).toBe(3);
    expect(days.points.at(-1)).toEqual({
      at: new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date()),
      clicks: 3,
    });
    expect((await admin.get(`/api/links/${link.id}/clicks?interval=day&timeZone=Mars/Olympus`)).json().error.code).toBe(
      "unknown_time_zone",
    );

    // No visitor's address or user agent is stored anywhere.
    const dump = await dumpDatabase(t.services.db);
    expect(dump).toContain(link.id);
    for (const secret of [VISITOR_IP, OTHER_IP, "192.0.2.1", CHROME, SAFARI]) expect(dump).not.toContain(secret);
  });

  it("answers unknown, expired and archived codes with a friendly HTML page, and rejects bad links with a code", async () => {
    const unknown = await follow("nope123");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(unknown.body).toContain("This link does not go anywhere");
    expect(unknown.body).not.toContain("nope123");
    expect((await follow("a%2F..%2Fb")).statusCode).toBe(404);
    expect((await follow("x".repeat(90))).headers["content-type"]).toBe("text/html; charset=utf-8");

    const soon = (
      await admin.post("/api/links", { destination: "https://example.com/", expiresAt: new Date(Date.now() + 1200).toISOString() })
    ).json();
    expect((await follow(soon.code)).statusCode).toBe(302);
    await new Promise((r) => setTimeout(r, 1300));
    const expired = await follow(soon.code);
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain("This link has expired");

    const live = (await admin.post("/api/links", { destination: "https://example.com/a", code: "spring-26" })).json();
    expect(live.code).toBe("spring-26");
    expect((await follow("spring-26")).statusCode).toBe(302);
    const archived = await admin.patch(`/api/links/${live.id}`, { archived: true });
    expect(archived.json().status).toBe("archived");
    const gone = await follow("spring-26");
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain("no longer active");
    // Un-archiving and pointing it elsewhere takes effect at once in this process.
    await admin.patch(`/api/links/${live.id}`, { archived: false, destination: "https://example.org/b" });
    expect(String((await follow("spring-26")).headers.location)).toMatch(/^https:\/\/example\.org\/b\?sb_click=/);

    const bad = async (body: object, status: number, code: string) => {
      const res = await admin.post("/api/links", body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    };
    await bad({ destination: "ftp://files.example/x" }, 400, "link_destination_scheme");
    await bad({ destination: "javascript:alert(1)" }, 400, "link_destination_scheme");
    await bad({ destination: "not a url" }, 400, "link_destination_invalid");
    await bad({ destination: "https://user:secret@example.com/" }, 400, "link_destination_invalid");
    await bad({ destination: "https://sb.example/l/abc" }, 400, "link_destination_loop");
    await bad({ destination: "https://example.com", expiresAt: "2001-01-01T00:00:00Z" }, 400, "link_expiry_in_past");
    await bad({ destination: "https://example.com", code: "spring-26" }, 409, "link_code_taken");
    await bad({ destination: "https://example.com", code: "a b" }, 400, "validation_failed");
    await bad({ destination: "https://example.com", campaignId: "missing" }, 404, "campaign_not_found");
    await bad({ destination: "https://example.com", accountId: "missing" }, 404, "account_not_found");
    await bad({ destination: "https://example.com", surprise: 1 }, 400, "validation_failed");
    expect((await admin.patch(`/api/links/${live.id}`, { destination: "mailto:a@example.com" })).json().error.code).toBe(
      "link_destination_scheme",
    );
    expect((await admin.patch("/api/links/missing", { archived: true })).json().error.code).toBe("link_not_found");

    // Who may: posts.write makes links; posts.read sees them; presets need accounts.manage.
    const viewer = await signedIn("vi@example.com", ["viewer"]);
    const contributor = await signedIn("co@example.com", ["contributor"]);
    expect((await viewer.post("/api/links", { destination: "https://example.com" })).statusCode).toBe(403);
    expect((await viewer.get("/api/links")).statusCode).toBe(200);
    expect((await contributor.post("/api/links", { destination: "https://example.com" })).statusCode).toBe(201);
    const campaign = (await admin.post("/api/campaigns", { name: "Autumn" })).json();
    expect((await contributor.put(`/api/links/campaigns/${campaign.id}/utm`, { utm: { source: "x" } })).statusCode).toBe(403);
    expect((await t.client().get("/api/links")).statusCode).toBe(401);

    const audit = (await admin.get("/api/audit?limit=100")).json();
    const actions = (audit.events ?? audit.items).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["links.created", "links.archived", "links.updated"]));
  });

  it("rotates the visitor salt daily, shared by every process, and deletes it after two days", async () => {
    const ldb = linksDb(t.services.db);
    const now = Date.now();
    const today = dayOf(now);
    // Two processes asking for the same day's salt agree on it.
    const a = new SaltKeeper(ldb);
    const b = new SaltKeeper(ldb);
    const [sa, sb] = await Promise.all([a.load(today), b.load(today)]);
    expect(sa.equals(sb)).toBe(true);
    expect(visitorHash(sa, VISITOR_IP, CHROME, "https://sb.example")).toBe(visitorHash(sb, VISITOR_IP, CHROME, "https://sb.example"));
    // Another day, another salt: the same person is another visitor.
    const yesterday = await ensureSalt(ldb, dayOf(now - DAY_MS));
    expect(yesterday.equals(sa)).toBe(false);
    expect(visitorHash(yesterday, VISITOR_IP, CHROME, "o")).not.toBe(visitorHash(sa, VISITOR_IP, CHROME, "o"));
    // Salts older than yesterday are deleted (audited); tomorrow's is made ahead.
    await ensureSalt(ldb, dayOf(now - 2 * DAY_MS));
    await ensureSalt(ldb, dayOf(now - 5 * DAY_MS));
    const { deleted } = await rotateSalts(ldb, now);
    expect(deleted).toEqual([dayOf(now - 5 * DAY_MS), dayOf(now - 2 * DAY_MS)]);
    const days = (await ldb.selectFrom("link_salts").select("day").orderBy("day").execute()).map((r) => r.day);
    expect(days).toEqual([dayOf(now - DAY_MS), today, dayOf(now + DAY_MS)]);
    await a.refresh();
    expect(a.get(dayOf(now - 2 * DAY_MS))).toBeUndefined();
    expect(a.get(dayOf(now + DAY_MS))).toBeDefined();
    // Two days on, today's salt is gone too.
    await rotateSalts(ldb, now + 2 * DAY_MS);
    expect(await ldb.selectFrom("link_salts").select("day").where("day", "=", today).executeTakeFirst()).toBeUndefined();
    const audit = (await admin.get("/api/audit?limit=100")).json();
    expect((audit.events ?? audit.items).some((e: { action: string }) => e.action === "links.salts_deleted")).toBe(true);
  });

  it("dedupes one visitor's clicks across processes and keeps the rollup exact when clicks arrive late", async () => {
    const link = (await admin.post("/api/links", { destination: "https://example.com/" })).json();
    const ldb = linksDb(t.services.db);
    const row = await ldb.selectFrom("links").selectAll().where("id", "=", link.id).executeTakeFirstOrThrow();
    const cached = cachedLinkOf(row);
    const quiet = { warn() {} };
    const options = { batchSize: 2, flushMs: 60_000, maxBuffered: 10 };
    const one = new ClickRecorder(ldb, quiet, options);
    const two = new ClickRecorder(ldb, quiet, options);
    const hour = Date.now() - (Date.now() % 3_600_000);
    one.record("0000-a", cached, "v1", hour + 1);
    one.record("0000-a", cached, "v1", hour + 1);
    two.record("0000-a", cached, "v1", hour + 2);
    two.record("0000-b", cached, "v2", hour + 3);
    await Promise.all([one.flush(), two.flush()]);
    expect(await ldb.selectFrom("link_clicks").select("id").orderBy("id").execute()).toEqual([{ id: "0000-a" }, { id: "0000-b" }]);
    await rollupClicks(ldb);
    // A click recorded after the rollup ran (a slow process's buffer) is counted by the next run, once.
    one.record("0000-c", cached, "v3", hour + 4);
    await one.close();
    await rollupClicks(ldb);
    await rollupClicks(ldb);
    expect(await ldb.selectFrom("link_clicks_hourly").select(["hour", "clicks"]).execute()).toEqual([
      { hour: new Date(hour).toISOString(), clicks: 3 },
    ]);
  });

  it("replaces every link in a post with a tracked link carrying the campaign's UTM preset, and draws its QR code", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Launch Week" })).json();
    const account = (await admin.post("/api/accounts", { network: "mastodon", handle: "acme@social.example" })).json();
    await admin.put(`/api/links/campaigns/${campaign.id}/utm`, { utm: { source: "{network}", medium: "social", campaign: "{campaign}" } });
    const text =
      "New: https://shop.example/new (details at https://shop.example/faq?utm_source=newsletter). " +
      "Again https://shop.example/new, old https://sb.example/l/abcdefg and https://wiki.example/A_(b).";
    const res = await admin.post("/api/links/shorten", { text, campaignId: campaign.id, accountId: account.id });
    expect(res.statusCode, res.body).toBe(200);
    const shortened = res.json();
    expect(shortened.links).toHaveLength(3);
    const [newLink, faq, wiki] = shortened.links;
    expect(shortened.text).toBe(
      `New: ${newLink.shortUrl} (details at ${faq.shortUrl}). Again ${newLink.shortUrl}, old https://sb.example/l/abcdefg and ${wiki.shortUrl}.`,
    );
    expect(wiki.url).toBe("https://wiki.example/A_(b)");
    const faqView = (await admin.get(`/api/links/${faq.linkId}`)).json();
    // The address's own utm_source wins over the preset; the rest comes from the preset.
    expect(faqView.utm).toMatchObject({ source: "newsletter", medium: "social", campaign: "launch-week" });
    expect((await admin.get(`/api/links/${newLink.linkId}`)).json()).toMatchObject({
      utm: { source: "mastodon", medium: "social", campaign: "launch-week" },
      account: { id: account.id, network: "mastodon" },
      campaign: { id: campaign.id },
    });
    // Again for the same channel: the same links, none made twice.
    const again = (await admin.post("/api/links/shorten", { text, campaignId: campaign.id, accountId: account.id })).json();
    expect(again.text).toBe(shortened.text);
    expect(again.links.every((l: { created: boolean }) => !l.created)).toBe(true);
    expect((await admin.get("/api/links")).json().total).toBe(3);

    const qr = await admin.get(`/api/links/${newLink.linkId}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(qr.body.startsWith("<svg")).toBe(true);
    const download = await admin.get(`/api/links/${newLink.linkId}/qr.svg?download=1`);
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="link-${newLink.code}.svg"`);
  });
});

describe("finding links in post text", () => {
  it("stops at the punctuation around an address but keeps balanced brackets", () => {
    expect(findUrls("(see https://a.example/x). And https://b.example/y?q=1, https://c.example/p_(q)!").map((u) => u.url)).toEqual([
      "https://a.example/x",
      "https://b.example/y?q=1",
      "https://c.example/p_(q)",
    ]);
  });
});
