import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MastodonStandIn, startMastodonStandIn } from "../../connectors/mastodon/test/standIn.js";
import { afterIngest } from "../../server/inbox/ingest/afterIngest.js";
import { ingestBatch } from "../../server/inbox/ingest/ingest.js";
import { compileRules } from "../../server/inbox/routing/rules.js";
import { searchTopics } from "../../server/listening/search/searchTopics.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

describe("listening", () => {
  let suite: BrowserSuite;
  let mastodon: MastodonStandIn;
  beforeAll(async () => {
    [suite, mastodon] = await Promise.all([startBrowserSuite({ withAdmin: true }), startMastodonStandIn()]);
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
    await mastodon?.close();
  });

  it("a lead adds a topic and sees what the channels said about it, with sentiment and a way into the inbox", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.example",
    });
    await mainNav(page).getByRole("link", { name: "Listening" }).click();
    await page.getByRole("heading", { level: 1, name: "Listening" }).waitFor();
    await page.getByText("Nothing to listen for yet").waitFor();

    const form = page.getByRole("form", { name: "New topic" });
    await form.getByLabel("Name").fill("Luxury campaign");
    await form.getByLabel("Terms").fill("#AcmeLuxury, lounge, business class");
    await form.getByRole("button", { name: "Add topic" }).click();
    await page.getByRole("heading", { level: 2, name: "Luxury campaign" }).waitFor();
    await page.getByText("Messages that mention these terms appear here").waitFor();

    const now = Date.now();
    // As the app's poller does after each batch, through the same function, on the app's database.
    const { db, crisisDetector } = app.services;
    const mention = (id: string, text: string, minutesAgo: number) => ({
      accountId: account.id,
      network: "bluesky",
      kind: "mention" as const,
      remoteId: id,
      text,
      createdAt: new Date(now - minutesAgo * 60_000),
      author: { externalId: `did:plc:${id}`, handle: `${id}.example`, displayName: null },
    });
    const result = await ingestBatch(
      db,
      [
        mention("ana", "The lounge in Lisbon was closed and nobody told us. Awful service.", 30),
        mention("ben", "Loved business class on the new A321 #AcmeLuxury", 20),
        mention("cy", "Where do I print my boarding pass?", 10),
      ],
      { rules: compileRules([]) },
    );
    await afterIngest({ db, crisisDetector }, result);
    // The page refreshes every 30 s on its own; a reload shows the matches now.
    await page.reload();

    const hits = page.getByRole("region", { name: "Luxury campaign" }).getByRole("listitem");
    await expect.poll(() => hits.count()).toBe(2);
    expect(await hits.first().textContent()).toContain("business class");
    expect(await hits.nth(1).textContent()).toMatch(/Negative/);
    await page.getByRole("complementary", { name: "Topics" }).getByText("2 in 24 h · 1 negative").waitFor();
    await screenshot(page, "listening-topic", { fullPage: false });

    await hits.nth(1).getByRole("link", { name: "Open in the inbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    expect(page.url()).toContain("conversation=");
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("shows per channel how a topic's network searches are doing: last and next search, found, and why one failed", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const me = await callApi<{ user: { id: string } }>(page, app.baseUrl, "GET", "/api/me");
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "mastodon",
      handle: "switchboard",
      ownerId: me.user.id,
    });
    // Connected in the browser (the stand-in allows at once and sends the browser back).
    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    await page.getByRole("region", { name: "Connection" }).getByRole("button", { name: "Connect" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect switchboard" });
    await dialog.getByLabel("Server address").fill(mastodon.url);
    await dialog.getByRole("button", { name: "Continue to sign in" }).click();
    await page.getByText("Connected switchboard on Mastodon.").waitFor();

    const topic = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/listening/topics", {
      name: "Porto route",
      terms: ["acmeporto", "#acmeporto"],
    });
    await page.goto(`${app.baseUrl}/listening?topic=${topic.id}`);
    const searches = page.getByRole("region", { name: "Network searches" });
    const row = searches.getByRole("row", { name: /Mastodon @switchboard/ });
    await row.getByText("Never").waitFor();
    await row.getByText("Not searched yet").waitFor();
    await row.getByText("Within a minute").waitFor();

    // Two posts to find; the hashtag's search fails once (the server errs), as the listening.search job would see it.
    mastodon.post("acmeporto lounge was lovely this morning");
    mastodon.post("acmeporto flight late again");
    mastodon.fault({ kind: "server_error" }, /timelines\/tag\/acmeporto/);
    // The first test's topic is searched too (its own searches are not what this looks at).
    expect(await searchTopics(app.services)).toMatchObject({ failed: 1 });
    await page.reload();
    await row.getByRole("cell", { name: "just now" }).waitFor();
    expect(await row.getByRole("cell").nth(1).textContent()).toBe("2");
    await row.getByRole("cell", { name: /^in [45] min/ }).waitFor();
    await row.getByText("Failed", { exact: true }).waitFor();
    const failure = (await row.getByRole("cell").last().textContent()) ?? "";
    // Which term failed, and the network's reason.
    expect(failure).toMatch(/^Failed #acmeporto: \S/);
    const token = mastodon.requests.find((r) => r.path === "/api/v2/search")?.bearer();
    expect(token).toBeTruthy();
    expect(await page.content()).not.toContain(token);
    await page.getByRole("region", { name: "Porto route" }).getByText("found by search").first().waitFor();
    await screenshot(page, "listening-search-status", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
