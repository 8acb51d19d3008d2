import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "../servers/browser.js";
import {
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  PHONE,
  problemsOf,
  screenshot,
  setUpFirstAdminInUi,
  startBrowserSuite,
} from "./support.js";

/** Nothing may make the whole page scroll sideways; wide tables scroll inside their frame. */
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe("Switchboard on a phone", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("collapses the navigation into a menu button that opens it", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await setUpFirstAdminInUi(page, app);
    await callApi(page, app.baseUrl, "POST", "/api/users", {
      name: "Ada Lovelace",
      email: "ada.lovelace@example.com",
      roles: ["contributor", "approver", "lead"],
    });

    const menu = page.getByRole("button", { name: "Menu" });
    await menu.waitFor({ state: "visible" });
    expect(await mainNav(page).isVisible()).toBe(false);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "home-phone", { fullPage: false });

    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await mainNav(page).waitFor({ state: "visible" });
    await screenshot(page, "nav-open-phone", { fullPage: false });

    // Escape closes it and puts focus back on the button.
    await page.keyboard.press("Escape");
    await mainNav(page).waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Menu");

    // Following a link closes the menu.
    await menu.click();
    await mainNav(page).getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await mainNav(page).waitFor({ state: "hidden" });
    await page.getByRole("row", { name: /Ada Lovelace/ }).waitFor();
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "users-phone", { fullPage: false });

    await menu.click();
    await mainNav(page).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByRole("cell", { name: "user.created" }).first().waitFor();
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "audit-phone", { fullPage: false });

    await page.goto(`${app.baseUrl}/admin/users`);
    await page.getByRole("button", { name: "New user" }).click();
    await page.getByRole("dialog", { name: "New user" }).waitFor();
    await screenshot(page, "users-new-dialog-phone", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
  });
});
