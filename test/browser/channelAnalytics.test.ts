import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectNetworkMetrics } from "../../server/analytics/metrics/collectMetrics.js";
import { metricsDb } from "../../server/analytics/metrics/tables.js";
import { type MetricsNetworkState, metricsNetwork } from "../../server/analytics/metrics/testNetwork.js";
import { systemActor } from "../../server/audit/context.js";
import { catalogOf } from "../../server/connections/catalog.js";
import { markConnected } from "../../server/connections/connectionState.js";
import { type RunningApp, startRunningApp } from "../helpers/runningApp.js";
import { type Browser, launchBrowser } from "../servers/browser.js";
import { callApi, openPage, PHONE, problemsOf, screenshot, setUpFirstAdminByApi, signInAsAdmin } from "./support.js";

const DAY_MS = 86_400_000;

describe("channel and post metrics", () => {
  let app: RunningApp;
  let browser: Browser;
  let net: MetricsNetworkState;
  beforeAll(async () => {
    // The channel's network is a test network reporting from memory (the readMetrics contract); the real
    // connectors' metrics are tested against their own stand-ins.
    const network = metricsNetwork("bluesky", {
      account: ["followers"],
      post: ["impressions", "likes", "replies", "shares"],
      postWindowDays: null,
      intervalMinutes: 60,
      backfillDays: 30,
    });
    net = network.state;
    app = await startRunningApp("sqlite", { connectors: catalogOf([network.connector]) });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it("a channel's followers, growth per day, top posts, what is not offered and a withdrawn metric; then one post on its own", async () => {
    const setup = await openPage(browser);
    await setUpFirstAdminByApi(setup, app);
    await setup.context().close();
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.example",
      displayName: "Acme Travel",
    });
    const db = metricsDb(app.services.db);
    await markConnected(app.services.db, systemActor(), account.id, {
      externalId: "did:plc:acme",
      handle: "acme.example",
      displayName: "Acme Travel",
      url: null,
    });

    // Three posts published over the last week, measured once a day as their totals grow.
    const author = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const texts = ["Spring timetable is out: 40 new routes", "Behind the scenes at the night depot", "Which city should we add next?"];
    for (const [i, text] of texts.entries()) {
      const at = new Date(Date.now() - (7 - i * 2) * DAY_MS).toISOString();
      await db
        .insertInto("posts")
        .values({
          id: `post-${i}`,
          author_id: author.id,
          text,
          tags: "[]",
          time_zone: "UTC",
          scheduled_at: at,
          status: "published",
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto("post_variants")
        .values({
          id: `variant-${i}`,
          post_id: `post-${i}`,
          account_id: account.id,
          network: "bluesky",
          thread_parts: "[]",
          status: "published",
          remote_id: `at://acme/${i}`,
          remote_url: `https://bsky.example/acme/${i}`,
          published_at: at,
        })
        .execute();
    }
    for (let daysAgo = 6; daysAgo >= 0; daysAgo--) {
      const when = new Date(Date.now() - daysAgo * DAY_MS);
      const grown = 7 - daysAgo;
      net.account.set("followers", 1200 + grown * 35 - (daysAgo === 2 ? 20 : 0));
      texts.forEach((_, i) => {
        net.posts.set(
          `at://acme/${i}`,
          new Map([
            ["impressions", grown * (400 + i * 250)],
            ["likes", grown * (12 + i * 9)],
            ["replies", grown * (2 + i)],
            ["shares", grown * (1 + i)],
          ]),
        );
      });
      // The network stops returning shares for the last two days (a withdrawn metric).
      if (daysAgo === 1) net.withdrawn.add("shares");
      await db.updateTable("metric_sync_state").set({ next_sync_at: when.toISOString() }).execute();
      const run = await collectNetworkMetrics(app.services, when);
      expect(run.failed).toBe(0);
    }

    // From the analytics overview, as a person finds it.
    await page.goto(`${app.baseUrl}/analytics`);
    await page.getByRole("link", { name: "Channel metrics" }).click();
    await page.getByRole("heading", { level: 1, name: "Channel metrics" }).waitFor();
    const channels = page.getByRole("table", { name: "Channels" });
    await channels.getByRole("cell", { name: "1,445" }).waitFor();
    await screenshot(page, "channel-analytics-list");
    await channels.getByRole("link", { name: "Acme Travel" }).click();

    await page.getByRole("heading", { level: 1, name: "Acme Travel" }).waitFor();
    const kpi = (name: string) => page.locator(`[data-kpi="${name}"] dd`);
    await expect.poll(() => kpi("followers").locator(".analytics-kpi-value").textContent()).toBe("1,445");
    // Not offered by the network: said in words, never as 0.
    expect(await kpi("engagements").textContent()).toBe("Not offered by this network");
    expect(await kpi("video_views").textContent()).toBe("Not offered by this network");
    expect(await kpi("shares").textContent()).toContain("Incomplete");
    await page.getByText("The network left out shares").waitFor();
    const gaps = page.getByRole("table", { name: "Gaps" });
    expect(await gaps.getByRole("row").count()).toBe(4); // header + one per post
    await gaps.getByText("the network stopped returning this metric").first().waitFor();
    const posts = page.getByRole("table", { name: "Posts" });
    await expect.poll(() => posts.getByRole("row").nth(1).getByRole("link").textContent()).toBe("Which city should we add next?");
    await page
      .getByRole("img", { name: /Followers from/ })
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Download Per day as CSV" }).waitFor();
    await screenshot(page, "channel-analytics");

    // The top posts by likes instead: the filter is kept in the address.
    await page.getByLabel("Top posts by", { exact: true }).selectOption("likes");
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("likes");
    await page.getByRole("heading", { name: "Top posts by likes in the range" }).waitFor();

    await posts.getByRole("link", { name: "Spring timetable is out: 40 new routes" }).click();
    await page.getByRole("heading", { level: 1, name: "Post metrics" }).waitFor();
    const perChannel = page.getByRole("table", { name: "Per channel" });
    await perChannel.getByRole("cell", { name: "2,800" }).first().waitFor();
    await page.getByText(/Shares missing since/).waitFor();
    await screenshot(page, "post-analytics");

    const phone = await openPage(browser, PHONE);
    await signInAsAdmin(phone, app.baseUrl);
    await phone.goto(`${app.baseUrl}/analytics/channels/${account.id}`);
    await phone.getByRole("heading", { level: 1, name: "Acme Travel" }).waitFor();
    await screenshot(phone, "channel-analytics-phone");

    expect(problemsOf(page)).toEqual([]);
    expect(problemsOf(phone)).toEqual([]);
  }, 180_000);
});
