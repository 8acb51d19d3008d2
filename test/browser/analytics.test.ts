import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupDaily } from "../../server/analytics/rollup.js";
import { signConversion } from "../../server/analytics/signature.js";
import { analyticsDb } from "../../server/analytics/tables.js";
import { linkRuntimeOf } from "../../server/links/runtime.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const BROWSERS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
];
const DAY_MS = 86_400_000;
const dayAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

describe("analytics", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("a campaign's tracked link is clicked, the website reports a signed lead and sale, a cost is added, and the campaign dashboard shows clicks, leads, cost per lead and ROI", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const campaign = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/campaigns", { name: "Spring Sale" });
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.example",
    });
    const link = await callApi<{ id: string; code: string; shortUrl: string }>(page, app.baseUrl, "POST", "/api/links", {
      destination: "https://shop.example/spring",
      campaignId: campaign.id,
      accountId: account.id,
    });

    // Three people follow the link; the destination is handed each click's id.
    const clickIds: string[] = [];
    for (const userAgent of BROWSERS) {
      const res = await fetch(link.shortUrl, { redirect: "manual", headers: { "user-agent": userAgent } });
      expect(res.status).toBe(302);
      clickIds.push(new URL(res.headers.get("location") ?? "").searchParams.get("sb_click") ?? "");
    }
    // Earlier days already had clicks (seeded as the redirector stores them).
    const db = analyticsDb(app.services.db);
    const earlier = [1, 1, 2, 3, 3, 4, 5, 5, 6, 6, 6, 8].map((daysAgo, i) => {
      const at = new Date(Date.now() - daysAgo * DAY_MS);
      const hour = new Date(at.getTime() - (at.getTime() % 3_600_000)).toISOString();
      return {
        id: `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        link_id: link.id,
        visitor_hash: `seeded${i}`,
        clicked_at: at.toISOString(),
        hour,
        recorded_at: new Date().toISOString(),
        post_id: null,
        campaign_id: campaign.id,
        account_id: account.id,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        utm_term: null,
        utm_content: null,
      };
    });
    await db.insertInto("link_clicks").values(earlier).execute();
    await linkRuntimeOf(app.services.db)?.recorder.flush();

    // An admin makes the website's signing secret on the Analytics page.
    await mainNav(page).getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.getByText("Settings (admins)").click();
    await page.getByRole("button", { name: "Make a secret" }).click();
    const secret = await page.getByLabel("Signing secret (shown this once)").inputValue();
    expect(secret).toMatch(/^sbcv_/);

    // The website reports three leads (one of them twice: a retry) and, later, the first customer's sale.
    const report = async (body: object) => {
      const raw = JSON.stringify(body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${app.baseUrl}/api/conversions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-switchboard-timestamp": timestamp,
          "x-switchboard-signature": signConversion(secret, timestamp, raw),
        },
        body: raw,
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { duplicate: boolean; attribution: string };
    };
    expect(await report({ clickId: clickIds[0], dedupeKey: "lead-1", kind: "lead", customerKey: "c-1" })).toMatchObject({
      duplicate: false,
    });
    expect(await report({ clickId: clickIds[0], dedupeKey: "lead-1", kind: "lead", customerKey: "c-1" })).toMatchObject({
      duplicate: true,
    });
    await report({
      clickId: earlier[3]?.id,
      dedupeKey: "lead-2",
      kind: "lead",
      occurredAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
    });
    await report({
      clickId: earlier[8]?.id,
      dedupeKey: "lead-3",
      kind: "lead",
      occurredAt: new Date(Date.now() - 6 * DAY_MS).toISOString(),
    });
    expect(await report({ dedupeKey: "order-1001", kind: "sale", value: 900, currency: "EUR", customerKey: "c-1" })).toMatchObject({
      attribution: "customer",
    });
    await rollupDaily(db);

    // The overview lists the campaign; its dashboard is one click away.
    await page.reload();
    const campaigns = page.getByRole("table", { name: "Campaigns" });
    await campaigns.getByRole("link", { name: "Spring Sale" }).click();
    await page.getByRole("heading", { level: 1, name: "Spring Sale" }).waitFor();
    const kpi = (name: string) => page.locator(`[data-kpi="${name}"] .analytics-kpi-value`);
    await expect.poll(() => kpi("clicks").textContent()).toBe("15");
    expect(await kpi("leads").textContent()).toBe("3");
    expect(await kpi("value").textContent()).toBe("€900.00");

    // A lead adds the campaign's costs: an agency invoice a week ago and four hours of their own work today.
    const costs = page.getByRole("form", { name: "Add a cost" });
    await costs.getByLabel("Amount (EUR)").fill("200");
    await costs.getByLabel("Day").fill(dayAgo(6));
    await costs.getByLabel("Note").fill("Agency invoice");
    await costs.getByRole("button", { name: "Add cost" }).click();
    await page.getByRole("cell", { name: "Agency invoice" }).waitFor();
    await costs.getByLabel("Kind").selectOption("hours");
    await costs.getByLabel("Hours").fill("4");
    await costs.getByLabel("Rate per hour (EUR)").fill("25");
    await costs.getByLabel("Day").fill(dayAgo(0));
    await costs.getByLabel("Note").fill("Community manager");
    await costs.getByRole("button", { name: "Add cost" }).click();
    await page.getByRole("cell", { name: "Community manager" }).waitFor();

    await expect.poll(() => kpi("cost").textContent()).toBe("€300.00");
    expect(await kpi("cpl").textContent()).toBe("€100.00");
    expect(await kpi("cpc").textContent()).toBe("€20.00");
    expect(await kpi("roi").textContent()).toBe("200 %");
    await page.getByText("ROI = (value − cost) ÷ cost").waitFor();
    expect(
      await page
        .getByRole("img", { name: /15 clicks and 3 leads/ })
        .locator("canvas")
        .count(),
    ).toBeGreaterThan(0);
    await page.getByRole("img", { name: /Cumulative cost per lead €100.00 and ROI 200 %/ }).waitFor();
    await screenshot(page, "analytics-campaign");

    // Every table downloads as CSV.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download Links as CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.split("\r\n")[0]).toBe("Link,Destination,Clicks,Leads,Sales,Value (EUR)");
    expect(csv).toContain(`/l/${link.code},https://shop.example/spring,15,3,1,900`);

    // A shorter range compares with the week before it.
    await page.getByRole("button", { name: "7 days" }).click();
    await page.getByText(/compared with/).waitFor();
    await expect.poll(() => kpi("clicks").textContent()).toBe("14");

    // The link's own dashboard: clicks and leads, no costs (they belong to campaigns).
    await page
      .getByRole("table", { name: "Links" })
      .getByRole("link", { name: `/l/${link.code}` })
      .click();
    await page.getByRole("heading", { level: 1, name: `/l/${link.code}` }).waitFor();
    await expect.poll(() => kpi("leads").textContent()).toBe("3");
    expect(await page.locator('[data-kpi="cost"]').count()).toBe(0);
    await screenshot(page, "analytics-link", { fullPage: false });

    await mainNav(page).getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { level: 2, name: "Response times" }).waitFor();
    await screenshot(page, "analytics-overview");
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
