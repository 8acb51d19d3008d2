import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { signInAs } from "../../test/helpers/publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { linkRuntimeOf } from "../links/runtime.js";
import { linksDb } from "../links/tables.js";

const LEAD = { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "a lead who curates posts" };
const EMMA = { email: "emma@example.com", name: "Emma Employee", roles: ["employee"], password: "an employee who shares" };
const OMAR = { email: "omar@example.com", name: "Omar Other", roles: ["employee"], password: "another employee who shares" };
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

const ITEM = {
  title: "Our new Lisbon office",
  suggestedText: "We just opened our Lisbon office, come and say hello! #AcmeEmployee",
  url: "https://acme.example/lisbon?ref=blog",
  topics: ["Offices", "Hiring"],
  disclosure: "#AcmeEmployee",
};

describe.each(DIALECTS)("employee advocacy on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let emma: TestClient;
  let omar: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    lead = (await signInAs(t, admin, LEAD)).client;
    emma = (await signInAs(t, admin, EMMA)).client;
    omar = (await signInAs(t, admin, OMAR)).client;
  });
  afterEach(async () => {
    await t.dispose();
  });

  const curate = async (body: Record<string, unknown> = {}) => {
    const res = await lead.post("/api/advocacy/items", { ...ITEM, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string; networks: string[] };
  };
  const share = (who: TestClient, id: string, body: Record<string, unknown>) => who.post(`/api/advocacy/items/${id}/shares`, body);
  const click = async (shortUrl: string, ip: string) => {
    const res = await t.app.inject({
      method: "GET",
      url: new URL(shortUrl).pathname,
      remoteAddress: ip,
      headers: { "user-agent": CHROME },
    });
    expect(res.statusCode).toBe(302);
    await linkRuntimeOf(t.services.db)?.recorder.flush();
    return res.headers.location as string;
  };
  const auditActions = async () => ((await admin.get("/api/audit?limit=500")).json().events as { action: string }[]).map((e) => e.action);

  it("blocks a share without the item's disclosure for everyone, and counts clicks on each share's own link", async () => {
    const item = await curate();
    expect(item).toMatchObject({ status: "active", networks: ["linkedin", "x", "bluesky", "mastodon"] });

    // The employee sees it with its topics and checks an edited text live: without the tag it is blocked.
    const listed = (await emma.get("/api/advocacy/items")).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect(listed.topics).toEqual(["Hiring", "Offices"]);
    const checked = (await emma.post(`/api/advocacy/items/${item.id}/check`, { text: "Come and see our Lisbon office!" })).json();
    expect(checked.blocked).toBe(true);
    const finding = checked.findings.find((f: { ruleId: string }) => f.ruleId === "missing-disclosure");
    expect(finding).toMatchObject({ source: "disclosure", level: "error", expected: [" #AcmeEmployee"] });

    const bare = await share(emma, item.id, { network: "x", text: "Come and see our Lisbon office!" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe("policy_blocked");
    expect(bare.json().error.details.findings[0]).toMatchObject({ ruleId: "missing-disclosure" });
    // The generic #ad is not the disclosure this programme asked for.
    expect((await share(emma, item.id, { network: "x", text: "Come and see our Lisbon office! #ad" })).json().error.code).toBe(
      "policy_blocked",
    );
    // No override exists, not even for an administrator.
    const override = await share(admin, item.id, { network: "x", text: "Lisbon!", override: { reason: "trust me" } });
    expect(override.json().error.code).toBe("validation_failed");
    expect((await share(admin, item.id, { network: "x", text: "Lisbon!" })).json().error.code).toBe("policy_blocked");

    // With the tag (any case) it goes: its own short link, and X's compose window with the whole text.
    const text = "Come and see our Lisbon office! #acmeemployee";
    const res = await share(emma, item.id, { network: "x", text });
    expect(res.statusCode, res.body).toBe(201);
    const shared = res.json();
    expect(shared.status).toBe("prepared");
    expect(shared.shortUrl).toMatch(/\/l\/[A-Za-z0-9]{7}$/);
    expect(shared.text).toBe(`${text} ${shared.shortUrl}`);
    expect(shared.intentUrl).toBe(`https://x.com/intent/post?text=${encodeURIComponent(shared.text)}`);

    // Opening X again before confirming reuses the share and its link.
    const again = (await share(emma, item.id, { network: "x", text: `Hello from Lisbon ${ITEM.url} #AcmeEmployee` })).json();
    expect(again.id).toBe(shared.id);
    expect(again.text).toBe(`Hello from Lisbon ${shared.shortUrl} #AcmeEmployee`);

    // The link goes to the item's page tagged as an advocacy share on X; two visitors count two clicks.
    const location = await click(shared.shortUrl, "203.0.113.5");
    expect(location).toMatch(/^https:\/\/acme\.example\/lisbon\?ref=blog&utm_source=x&utm_medium=employee-advocacy&sb_click=/);
    await click(shared.shortUrl, "203.0.113.6");
    expect((await emma.post(`/api/advocacy/shares/${shared.id}/confirm`)).json()).toMatchObject({ status: "shared", clicks: 2 });
    // Confirming twice records one share.
    expect((await emma.post(`/api/advocacy/shares/${shared.id}/confirm`)).statusCode).toBe(200);

    // Omar shares on LinkedIn (the text travels with the intent) and gets his own link.
    const linkedin = (await share(omar, item.id, { network: "linkedin", text: ITEM.suggestedText })).json();
    expect(linkedin.intentUrl).toBe(`https://www.linkedin.com/feed/?shareActive=true&text=${encodeURIComponent(linkedin.text)}`);
    expect(linkedin.shortUrl).not.toBe(shared.shortUrl);
    await click(linkedin.shortUrl, "203.0.113.7");
    await omar.post(`/api/advocacy/shares/${linkedin.id}/confirm`);

    const report = (await lead.get(`/api/advocacy/items/${item.id}/shares`)).json();
    expect(report.item).toMatchObject({ shares: 2, people: 2, clicks: 3 });
    expect(
      report.people.map((p: { person: { name: string }; shares: number; clicks: number }) => [p.person.name, p.shares, p.clicks]),
    ).toEqual([
      ["Emma Employee", 1, 2],
      ["Omar Other", 1, 1],
    ]);
    expect((await emma.get("/api/advocacy/items")).json().items[0].mine).toEqual([
      expect.objectContaining({ id: shared.id, network: "x", status: "shared", clicks: 2 }),
    ]);

    expect((await lead.get("/api/advocacy/people")).json().people).toEqual([
      { person: expect.objectContaining({ name: "Emma Employee" }), shares: 1, items: 1, clicks: 2 },
      { person: expect.objectContaining({ name: "Omar Other" }), shares: 1, items: 1, clicks: 1 },
    ]);
    expect((await emma.get("/api/advocacy/people")).statusCode).toBe(403);

    const csv = await lead.get("/api/advocacy/shares.csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toBe("item,employee,email,network,status,prepared_at,shared_at,short_link,clicks");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`Our new Lisbon office,Emma Employee,emma@example.com,x,shared,`);
    expect(lines[1]).toMatch(new RegExp(`${shared.shortUrl},2$`));

    expect(await auditActions()).toEqual(
      expect.arrayContaining(["advocacy.item_created", "advocacy.share_prepared", "advocacy.share_confirmed", "links.created"]),
    );
    expect((await auditActions()).filter((a) => a === "advocacy.share_confirmed")).toHaveLength(2);
  });

  it("keeps the disclosure where the network shows it, each network's length, and the Mastodon server", async () => {
    const item = await curate();
    const late = `${"We opened a new office in Lisbon and it has a rooftop, a library, a café and room for sixty people. ".repeat(2)}#AcmeEmployee`;
    const checked = (await emma.post(`/api/advocacy/items/${item.id}/check`, { text: late })).json();
    expect(checked.blocked).toBe(false);
    const byNetwork = Object.fromEntries(
      checked.networks.map((n: { network: string; problems: { code: string }[] }) => [n.network, n.problems.map((p) => p.code)]),
    );
    expect(byNetwork).toEqual({ linkedin: ["advocacy_disclosure_hidden"], x: [], bluesky: [], mastodon: [] });
    expect((await share(emma, item.id, { network: "linkedin", text: late })).json().error.code).toBe("advocacy_disclosure_hidden");
    expect((await share(emma, item.id, { network: "x", text: `#AcmeEmployee ${"long ".repeat(60)}` })).json().error.code).toBe(
      "advocacy_text_too_long",
    );
    expect((await share(emma, item.id, { network: "mastodon", text: ITEM.suggestedText })).json().error.code).toBe(
      "advocacy_instance_required",
    );
    for (const bad of ["javascript:alert(1)", "evil.example/path", "user@evil.example", "localhost", "a.b:8080"]) {
      expect((await share(emma, item.id, { network: "mastodon", text: ITEM.suggestedText, instance: bad })).json().error.code, bad).toBe(
        "advocacy_instance_invalid",
      );
    }
    const toot = (
      await share(emma, item.id, { network: "mastodon", text: ITEM.suggestedText, instance: "https://Mastodon.Social/" })
    ).json();
    expect(toot.intentUrl).toBe(`https://mastodon.social/share?text=${encodeURIComponent(toot.text)}`);

    const xOnly = await curate({ title: "X only", networks: ["x"] });
    expect((await share(emma, xOnly.id, { network: "bluesky", text: ITEM.suggestedText })).json().error.code).toBe(
      "advocacy_network_not_offered",
    );
    const bsky = await curate({ title: "Bluesky", networks: ["bluesky"] });
    expect((await share(emma, bsky.id, { network: "bluesky", text: ITEM.suggestedText })).json().intentUrl).toMatch(
      /^https:\/\/bsky\.app\/intent\/compose\?text=We%20just/,
    );
  });

  it("expires items: hidden from employees, no new shares, links already out keep working", async () => {
    const past = await lead.post("/api/advocacy/items", { ...ITEM, expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.json().error.code).toBe("advocacy_expiry_in_past");
    const item = await curate({ expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const shared = (await share(emma, item.id, { network: "bluesky", text: ITEM.suggestedText })).json();

    const expired = await lead.post(`/api/advocacy/items/${item.id}/expire`);
    expect(expired.statusCode, expired.body).toBe(200);
    expect(expired.json().status).toBe("expired");
    expect((await lead.post(`/api/advocacy/items/${item.id}/expire`)).json().error.code).toBe("advocacy_item_expired");

    expect((await emma.get("/api/advocacy/items")).json().items).toEqual([]);
    expect((await emma.get("/api/advocacy/items?status=all")).json().items).toEqual([]);
    expect((await emma.get(`/api/advocacy/items/${item.id}`)).json().error.code).toBe("advocacy_item_not_found");
    expect((await share(emma, item.id, { network: "x", text: ITEM.suggestedText })).json().error.code).toBe("advocacy_item_expired");
    expect((await lead.get("/api/advocacy/items?status=expired")).json().items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    // Already out: the link still redirects, and the employee may still say they posted it.
    await click(shared.shortUrl, "203.0.113.9");
    expect((await emma.post(`/api/advocacy/shares/${shared.id}/confirm`)).json()).toMatchObject({ status: "shared", clicks: 1 });

    // Moving the expiry into the future shares it again.
    const reopened = await lead.put(`/api/advocacy/items/${item.id}`, {
      ...ITEM,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(reopened.json().status).toBe("active");
    expect((await emma.get("/api/advocacy/items")).json().items).toHaveLength(1);
    expect(await auditActions()).toEqual(expect.arrayContaining(["advocacy.item_expired", "advocacy.item_updated"]));
  });

  it("lets only managers curate and report, and each person act only on their own shares", async () => {
    expect((await emma.post("/api/advocacy/items", ITEM)).json().error.code).toBe("forbidden");
    const item = await curate();
    expect((await emma.put(`/api/advocacy/items/${item.id}`, ITEM)).json().error.code).toBe("forbidden");
    expect((await emma.post(`/api/advocacy/items/${item.id}/expire`)).json().error.code).toBe("forbidden");
    expect((await emma.get(`/api/advocacy/items/${item.id}/shares`)).json().error.code).toBe("forbidden");
    expect((await emma.get("/api/advocacy/shares.csv")).statusCode).toBe(403);

    // A curated text that could not be shared as it is, or a link that is not a web page, is refused.
    const noTag = await lead.post("/api/advocacy/items", { ...ITEM, suggestedText: "Lisbon office is open!" });
    expect(noTag.json().error.code).toBe("policy_blocked");
    expect((await lead.post("/api/advocacy/items", { ...ITEM, url: "javascript:alert(1)" })).json().error.code).toBe(
      "link_destination_scheme",
    );
    expect((await lead.post("/api/advocacy/items", { ...ITEM, disclosure: "AcmeEmployee" })).json().error.code).toBe("validation_failed");
    expect((await lead.get("/api/advocacy/items/nope")).json().error.code).toBe("advocacy_item_not_found");

    const mine = (await share(emma, item.id, { network: "x", text: ITEM.suggestedText })).json();
    expect((await omar.get(`/api/advocacy/shares/${mine.id}`)).json().error.code).toBe("advocacy_share_not_found");
    expect((await omar.post(`/api/advocacy/shares/${mine.id}/confirm`)).json().error.code).toBe("advocacy_share_not_found");
    expect((await lead.post(`/api/advocacy/shares/${mine.id}/cancel`)).json().error.code).toBe("advocacy_share_not_found");

    expect((await emma.post(`/api/advocacy/shares/${mine.id}/cancel`)).json().status).toBe("cancelled");
    expect((await emma.post(`/api/advocacy/shares/${mine.id}/confirm`)).json().error.code).toBe("advocacy_share_cancelled");
    // A new share after a cancelled one is a new share with a new link.
    const next = (await share(emma, item.id, { network: "x", text: ITEM.suggestedText })).json();
    expect(next.id).not.toBe(mine.id);
    expect(next.shortUrl).not.toBe(mine.shortUrl);
    await emma.post(`/api/advocacy/shares/${next.id}/confirm`);
    expect((await emma.post(`/api/advocacy/shares/${next.id}/cancel`)).json().error.code).toBe("advocacy_share_confirmed");
    expect(await auditActions()).toContain("advocacy.share_cancelled");

    // Nothing of it is in the links count without being attributed: every share link is the item's page.
    const links = await linksDb(t.services.db).selectFrom("links").select("destination").execute();
    expect(new Set(links.map((l) => l.destination))).toEqual(new Set([ITEM.url]));
  });
});
