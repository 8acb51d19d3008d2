import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "../servers/browser.js";
import { ADMIN, type BrowserSuite, openPage, problemsOf, startBrowserSuite } from "./support.js";

/** What has keyboard focus, described the way a screen reader would start. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id,
      text: el?.textContent?.trim(),
      inNav: el?.closest("nav")?.getAttribute("aria-label") ?? null,
    };
  });

async function tabUntil(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, maxTabs = 40) {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press("Tab");
    if (matches(await focused(page))) return;
  }
  throw new Error(`focus never matched after ${maxTabs} tabs; last: ${JSON.stringify(await focused(page))}`);
}

describe("using Switchboard with the keyboard only", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("signs in with Enter, skips to the content, reaches the navigation and works a dialog", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await tabUntil(page, (f) => f.tag === "input");
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Welcome, ${ADMIN.name}` }).waitFor();

    // First Tab on a fresh page: the skip link, which moves focus to <main>.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${ADMIN.name}` }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "a", text: "Skip to main content" });
    await page.getByRole("link", { name: "Skip to main content" }).waitFor({ state: "visible" });
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatchObject({ tag: "main", id: "main" });

    // Without skipping, Tab walks the header into the main navigation, in order.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${ADMIN.name}` }).waitFor();
    await tabUntil(page, (f) => f.inNav === "Main");
    expect(await focused(page)).toMatchObject({ tag: "a", text: "Home", inNav: "Main" });
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toMatch(/^Publishing/);
    await tabUntil(page, (f) => f.text === "Users");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    // After a client-side navigation, focus starts at the new page's heading.
    // Focus moves to the new page's heading once it has rendered: wait for it rather than racing it.
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: "Users" });

    // A dialog opens with Enter, keeps focus inside, and Escape returns focus to its button.
    await tabUntil(page, (f) => f.text === "New user");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.waitFor();
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused(page)).toMatchObject({ tag: "button", text: "New user" });
    expect(problemsOf(page)).toEqual([]);
  });
});
