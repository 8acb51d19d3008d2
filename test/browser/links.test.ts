import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupClicks } from "../../server/links/rollup.js";
import { linkRuntimeOf } from "../../server/links/runtime.js";
import { linksDb } from "../../server/links/tables.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const BROWSERS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
];

describe("links", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("a lead makes a short link for a campaign, sees its clicks per hour and day, and downloads its QR code", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const campaign = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/campaigns", { name: "Spring Sale" });
    await callApi(page, app.baseUrl, "PUT", `/api/links/campaigns/${campaign.id}/utm`, {
      utm: { source: "switchboard", medium: "social", campaign: "{campaign}" },
    });

    await mainNav(page).getByRole("link", { name: "Links" }).click();
    await page.getByRole("heading", { level: 1, name: "Links" }).waitFor();
    await page.getByText("No links yet").waitFor();

    // An address that is not a web page is refused, and said under the field.
    const form = page.getByRole("region", { name: "Make a short link" });
    await form.getByLabel("Destination").fill("ftp://files.example/spring.pdf");
    await form.getByRole("button", { name: "Make link" }).click();
    await form.getByText("Only http:// and https:// destinations can be linked.").waitFor();

    await form.getByLabel("Destination").fill("https://shop.example/spring?ref=social");
    await form.getByLabel("Campaign").selectOption({ label: "Spring Sale" });
    const nextYear = new Date().getFullYear() + 1;
    await form.getByLabel("Expires after").fill(`${nextYear}-06-30`);
    await form.getByRole("button", { name: "Make link" }).click();
    const shortLink = form.getByLabel("Your short link");
    await shortLink.waitFor();
    const shortUrl = await shortLink.inputValue();
    expect(shortUrl).toMatch(new RegExp(`^${app.baseUrl}/l/[A-Za-z0-9]{7}$`));
    await form.getByText("utm_campaign=spring-sale").waitFor();
    await screenshot(page, "links-created", { fullPage: false });

    // Three people follow it (and one link preview, which is not counted); earlier hours already had clicks.
    for (const userAgent of [...BROWSERS, "facebookexternalhit/1.1"]) {
      const res = await fetch(shortUrl, { redirect: "manual", headers: { "user-agent": userAgent } });
      expect(res.status).toBe(302);
    }
    const db = linksDb(app.services.db);
    const link = await db
      .selectFrom("links")
      .selectAll()
      .where("code", "=", shortUrl.split("/l/")[1] ?? "")
      .executeTakeFirstOrThrow();
    const hour = Date.now() - (Date.now() % 3_600_000);
    const earlier = [1, 1, 2, 3, 3, 3, 3, 5, 6, 6, 9, 14, 20, 20, 26].map((hoursAgo, i) => {
      const at = new Date(hour - hoursAgo * 3_600_000).toISOString();
      return {
        id: `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        link_id: link.id,
        visitor_hash: `seeded${i}`,
        clicked_at: at,
        hour: at,
        recorded_at: new Date().toISOString(),
        post_id: null,
        campaign_id: link.campaign_id,
        account_id: null,
        utm_source: link.utm_source,
        utm_medium: link.utm_medium,
        utm_campaign: link.utm_campaign,
        utm_term: null,
        utm_content: null,
      };
    });
    await db.insertInto("link_clicks").values(earlier).execute();
    await linkRuntimeOf(app.services.db)?.recorder.flush();
    await rollupClicks(db);

    await page.reload();
    const row = page.getByRole("row").filter({ hasText: `/l/${link.code}` });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual(
      expect.arrayContaining(["shop.example/spring?ref=social", "Spring Sale", "18", "Active"]),
    );
    await screenshot(page, "links-list", { fullPage: false });

    await row.getByRole("link", { name: `/l/${link.code}` }).click();
    await page.getByRole("heading", { level: 1, name: `/l/${link.code}` }).waitFor();
    const clicks = page.getByRole("region", { name: /Clicks per hour/ });
    await clicks.getByText("18 clicks in this period").waitFor();
    await clicks.getByRole("img", { name: /18 clicks in the last 48 hours; the most, 4,/ }).waitFor();
    expect(await clicks.locator("canvas").count()).toBeGreaterThan(0);
    const qr = page.getByRole("img", { name: `QR code for ${shortUrl}` });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const download = page.getByRole("link", { name: "Download SVG" });
    const svg = await page.request.get(`${app.baseUrl}${await download.getAttribute("href")}`);
    expect(svg.headers()["content-disposition"]).toBe(`attachment; filename="link-${link.code}.svg"`);
    expect((await svg.text()).startsWith("<svg")).toBe(true);
    await screenshot(page, "links-detail");

    await clicks.getByText("Per day").click();
    await page.getByRole("heading", { level: 2, name: "Clicks per day, last 30 days" }).waitFor();
    await page.getByRole("img", { name: /18 clicks in the last 30 days/ }).waitFor();
    await page.getByText("Show as a table").click();
    await screenshot(page, "links-detail-days", { fullPage: false });

    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("button", { name: "Switch back on" }).waitFor();
    await page.getByText("Archived", { exact: true }).first().waitFor();
    expect(problemsOf(page)).toEqual([]);

    // An archived or unknown code is a page for people, not JSON.
    await page.goto(shortUrl);
    await page.getByRole("heading", { level: 1, name: "This link is no longer active" }).waitFor();
    await page.goto(`${app.baseUrl}/l/nothing-here`);
    await page.getByRole("heading", { level: 1, name: "This link does not go anywhere" }).waitFor();
    await screenshot(page, "links-not-found", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
