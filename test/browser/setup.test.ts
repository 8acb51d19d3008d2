import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type BrowserSuite, mainNav, openPage, problemsOf, screenshot, startBrowserSuite } from "./support.js";

describe("first-run setup in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("creates the first admin from the printed setup link and lands signed in on Home", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);

    // A wrong link: the form explains the server's refusal.
    await page.goto(`${app.baseUrl}/setup#token=not-a-real-token`);
    await page.getByRole("heading", { name: "Set up Switchboard" }).waitFor();
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.getByRole("alert").getByText("This setup link is invalid, used or expired.").waitFor();

    // The real link, and a password that is too short at first.
    await page.goto(await app.setupUrl());
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill("too-short");
    await page.getByLabel("Confirm password").fill("too-short");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.getByText("Use at least 12 characters.").waitFor();
    expect(await page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "setup");

    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();

    await page.getByRole("heading", { level: 1, name: `Welcome, ${ADMIN.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("banner").getByText(ADMIN.name).waitFor();
    await page.getByRole("region", { name: "Your roles" }).getByText("admin", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Users" }).first().waitFor();
    await screenshot(page, "home");

    // Every area is built now (Analytics was the last placeholder): an empty one shows zeros, not fake data.
    await mainNav(page)
      .getByRole("link", { name: /Analytics/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.getByText("No campaign had clicks, leads or costs in this period.").waitFor();
    await screenshot(page, "analytics-empty");

    // The setup link is single use; the page then points to sign-in.
    await page.goto(`${app.baseUrl}/setup#token=anything`);
    await page.getByRole("heading", { name: "Already set up" }).waitFor();
    await page.getByRole("link", { name: "Go to sign in" }).waitFor();
    await screenshot(page, "setup-already-done");

    expect(problemsOf(page)).toEqual([]);
  });
});
