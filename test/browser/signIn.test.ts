import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../web/src/api/types.js";
import {
  ADMIN,
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  problemsOf,
  screenshot,
  signIn,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

describe("signing in and out", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("signs out, refuses a wrong password, and signs back in to the page the person was going to", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");

    // Signed out, a protected page sends you to sign in and back again.
    await page.goto(`${app.baseUrl}/admin/teams`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/admin/teams");

    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Email or password is not correct.").waitFor();
    await screenshot(page, "login-error");

    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/teams");
    expect(problemsOf(page)).toEqual([]);
  });

  it("shows a contributor neither the Admin nor the Audit entries", async () => {
    const { app, browser } = suite;
    const admin = await openPage(browser);
    await signInAsAdmin(admin, app.baseUrl);
    await callApi<User>(admin, app.baseUrl, "POST", "/api/users", {
      name: "Carl Contributor",
      email: "carl@example.com",
      roles: ["contributor"],
      password: "drafts-many-posts-1",
    });

    const page = await openPage(browser);
    await signIn(page, app.baseUrl, "carl@example.com", "drafts-many-posts-1");
    await page.getByRole("heading", { level: 1, name: "Welcome, Carl Contributor" }).waitFor();
    const nav = mainNav(page);
    await nav.getByRole("link", { name: "API tokens" }).waitFor();
    expect(await nav.getByRole("link", { name: "Audit log" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);
    expect(await nav.getByText("Admin", { exact: true }).count()).toBe(0);

    // Typing the address anyway explains the refusal.
    await page.goto(`${app.baseUrl}/audit`);
    await page.getByText("You do not have permission to see this page").waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("sends a person whose account was disabled meanwhile back to sign in, and says why they cannot", async () => {
    const { app, browser } = suite;
    const admin = await openPage(browser);
    await signInAsAdmin(admin, app.baseUrl);
    const dora = await callApi<User>(admin, app.baseUrl, "POST", "/api/users", {
      name: "Dora Departing",
      email: "dora@example.com",
      roles: ["employee"],
      password: "last-day-at-work-1",
    });

    const page = await openPage(browser);
    await signIn(page, app.baseUrl, "dora@example.com", "last-day-at-work-1");
    await page.getByRole("heading", { level: 1, name: "Welcome, Dora Departing" }).waitFor();

    await callApi(admin, app.baseUrl, "PATCH", `/api/users/${dora.id}`, { disabled: true });
    await mainNav(page).getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/settings/tokens");

    await page.getByLabel("Email").fill("dora@example.com");
    await page.getByLabel("Password").fill("last-day-at-work-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("This account is disabled. Ask an administrator.").waitFor();
    expect(problemsOf(page)).toEqual([]);
  });
});
