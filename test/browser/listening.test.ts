import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterIngest } from "../../server/inbox/ingest/afterIngest.js";
import { ingestBatch } from "../../server/inbox/ingest/ingest.js";
import { compileRules } from "../../server/inbox/routing/rules.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

describe("listening", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
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
});
