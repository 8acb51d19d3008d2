import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Me } from "../../web/src/api/types.js";
import {
  ADMIN,
  type BrowserSuite,
  mainNav,
  openPage,
  problemsOf,
  screenshot,
  signIn,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

describe("personal settings", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("creates an API token that is shown once and works, then revokes it", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.baseUrl });
    await signInAsAdmin(page, app.baseUrl);
    await mainNav(page).getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("heading", { level: 1, name: "API tokens" }).waitFor();
    await page.getByText("No tokens yet").waitFor();

    await page.getByLabel("Token name").fill("Nightly report");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByText("Choose at least one scope.").waitFor();
    await page.getByRole("checkbox", { name: "audit.read" }).check();
    await page.getByRole("checkbox", { name: "users.read" }).check();
    await page.getByLabel("Expires after").selectOption({ label: "30 days" });
    await screenshot(page, "tokens");
    await page.getByRole("button", { name: "Create token" }).click();

    const secret = page.getByRole("textbox", { name: "New API token" });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^sbt_[0-9a-f]{32}_/);
    await page.getByText("You will not be able to see it again.").waitFor();
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, "tokens-created");

    // The token works against the API, with its scopes.
    const me = await fetch(`${app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as Me).permissions).toEqual(["audit.read", "users.read"]);

    await page.getByRole("button", { name: "I have stored it" }).click();
    expect(await page.getByRole("textbox", { name: "New API token" }).count()).toBe(0);
    const row = page.getByRole("row", { name: /Nightly report/ });
    await row.getByText("Active").waitFor();
    await page.getByRole("button", { name: "Revoke Nightly report" }).click();
    await page.getByRole("dialog", { name: "Revoke Nightly report?" }).getByRole("button", { name: "Revoke token" }).click();
    await row.getByText("Revoked").waitFor();
    const after = await fetch(`${app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(problemsOf(page)).toEqual([]);
  });

  it("changes the password after checking the current one", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await mainNav(page).getByRole("link", { name: "Password" }).click();
    await page.getByRole("heading", { level: 1, name: "Password" }).waitFor();

    const newPassword = "a-brand-new-passphrase";
    await page.getByLabel("Current password").fill("this is not it at all");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("alert").getByText("The current password is not correct.").waitFor();
    await screenshot(page, "password");

    await page.getByLabel("Current password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password was changed.").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.baseUrl, ADMIN.email, newPassword);
    await page.getByRole("heading", { level: 1, name: `Welcome, ${ADMIN.name}` }).waitFor();
    expect(problemsOf(page)).toEqual([]);
  });
});
