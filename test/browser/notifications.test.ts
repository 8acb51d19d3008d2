import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MastodonStandIn, startMastodonStandIn } from "../../connectors/mastodon/test/standIn.js";
import type { AccountDetail, ConnectResult, Me } from "../../web/src/api/types.js";
import type { Page } from "../servers/browser.js";
import { type BrowserSuite, callApi, openPage, PHONE, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const bell = (page: Page) => page.getByRole("button", { name: /^Notifications, / });
const bellLabel = (page: Page) => bell(page).getAttribute("aria-label");
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe("notifications in the header", () => {
  let suite: BrowserSuite;
  let mastodon: MastodonStandIn;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    mastodon = await startMastodonStandIn();
  });
  afterAll(async () => {
    await mastodon?.close();
    await suite?.close();
  });

  it("tells the owner when the network refuses an account's access: the bell counts it, lists it and marks it read", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const me = await callApi<Me>(page, app.baseUrl, "GET", "/api/me");
    const account = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "mastodon",
      handle: "switchboard",
      ownerId: me.user.id,
      twoFactor: "enabled",
    });
    // Connected as the connection test does it in the UI: start, allow on the stand-in, come back to the account.
    const { authorizationUrl } = await callApi<ConnectResult>(page, app.baseUrl, "POST", `/api/accounts/${account.id}/connect`, {
      baseUrl: mastodon.url,
    });
    await page.goto(authorizationUrl ?? "");
    await page.getByText("Connected switchboard on Mastodon.").waitFor();
    expect(await bellLabel(page)).toBe("Notifications, none unread");

    // The network revokes Switchboard's token; the next check finds out, and the owner is told.
    mastodon.tokens.revokeAll();
    const connection = page.getByRole("region", { name: "Connection" });
    await connection.getByRole("button", { name: "Check connection" }).click();
    await connection.getByText("Reconnect this account").waitFor();
    await connection.getByRole("button", { name: "Reconnect" }).waitFor();
    await expect.poll(() => bellLabel(page)).toBe("Notifications, 1 unread");
    expect(await bell(page).innerText()).toBe("1");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "account-needs-reconnect", { fullPage: false });
    await connection.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));
    await screenshot(page, "account-connection-needs-reconnect", { fullPage: false });

    // Keyboard: Enter opens the panel, Escape closes it and gives focus back to the bell.
    await page.evaluate(() => window.scrollTo(0, 0));
    await bell(page).focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await panel.waitFor();
    expect(await bell(page).getAttribute("aria-expanded")).toBe("true");
    const item = panel.getByRole("listitem").filter({ hasText: "Reconnect switchboard on Mastodon" });
    await item.getByText("The network no longer accepts Switchboard's access").waitFor();
    await item.getByText("(unread)").waitFor({ state: "attached" });
    expect(await item.getByRole("link").getAttribute("href")).toBe(`/accounts/${account.id}`);
    await screenshot(page, "notifications-open", { fullPage: false });
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Notifications, 1 unread");

    await bell(page).click();
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await expect.poll(() => bellLabel(page)).toBe("Notifications, none unread");
    expect(await item.getByText("(unread)").count()).toBe(0);
    expect(await panel.getByRole("button", { name: "Mark all read" }).count()).toBe(0);
    await screenshot(page, "notifications-read", { fullPage: false });

    // A click outside closes it; following the link goes to the account.
    await page.getByRole("heading", { level: 1 }).click();
    await panel.waitFor({ state: "detached" });
    await page.goto(`${app.baseUrl}/accounts`);
    await bell(page).click();
    await item.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "switchboard" }).waitFor();
    await panel.waitFor({ state: "detached" });
    const stored = await callApi<{ unread: number }>(page, app.baseUrl, "GET", "/api/notifications");
    expect(stored.unread).toBe(0);
    expect(problemsOf(page)).toEqual([]);
  });

  it("fits the list on a phone", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAsAdmin(page, app.baseUrl);
    await bell(page).click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await panel.getByText("Reconnect switchboard on Mastodon").waitFor();
    expect(await pageOverflows(page)).toBe(false);
    const box = await panel.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await screenshot(page, "notifications-phone", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
  });
});
