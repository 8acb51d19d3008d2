import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NetworkApps } from "../../web/src/api/types.js";
import type { Page } from "../servers/browser.js";
import {
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  PHONE,
  problemsOf,
  screenshot,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

const X_BEARER = "AAAAAAAAAAAAAAAAAAAAAbearer-token-for-the-stream";
const X_SECRET = "x-secret-never-shown-7f3a9c";
const MASTODON_SECRET = "mastodon-secret-never-shown-2b8d";
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe("Admin → Network apps in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("saves X's client id and secret; after a reload the page shows the id and that a secret is stored, never the secret", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await mainNav(page).getByRole("link", { name: "Network apps" }).click();
    await page.getByRole("heading", { level: 1, name: "Network apps" }).waitFor();

    const redirectUri = `${app.baseUrl}/api/accounts/oauth/callback`;
    expect(await page.getByLabel("Redirect URI to register on the networks").inputValue()).toBe(redirectUri);
    // BASE_URL matches the address in use, so there is nothing to warn about.
    expect(await page.getByText("Set BASE_URL").count()).toBe(0);
    const xRow = page.getByRole("row", { name: /X \(Twitter\)/ });
    await xRow.getByText("Not set up").waitFor();
    await screenshot(page, "network-apps-empty");

    await page.getByRole("button", { name: "Set up X (Twitter)" }).click();
    const dialog = page.getByRole("dialog", { name: "Set up the X (Twitter) app" });
    await dialog.getByText(redirectUri).waitFor();
    expect(await dialog.getByRole("link", { name: /X Developer Console/ }).getAttribute("target")).toBe("_blank");
    await dialog.getByText("docs/networks/x.md").waitFor();
    await dialog.getByLabel("OAuth 2.0 Client ID").fill("x-client-123");
    const secret = dialog.getByLabel("OAuth 2.0 Client Secret");
    expect(await secret.getAttribute("type")).toBe("password");
    expect(await secret.getAttribute("autocomplete")).toBe("off");
    await secret.fill(X_SECRET);
    await screenshot(page, "network-app-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Save app" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("status").getByText("Saved the X (Twitter) app; its secret is in the vault").waitFor();

    await page.reload();
    await xRow.getByText("x-client-123").waitFor();
    await xRow.getByText("Secret stored").waitFor();
    expect(await page.content()).not.toContain(X_SECRET);

    // Changing the client id without typing a secret keeps the stored one.
    await page.getByRole("button", { name: "Change X (Twitter)" }).click();
    const change = page.getByRole("dialog", { name: "Change the X (Twitter) app" });
    expect(await change.getByLabel("OAuth 2.0 Client Secret").inputValue()).toBe("");
    await change.getByText("A secret is stored. Leave this empty to keep it").waitFor();
    await change.getByLabel("OAuth 2.0 Client ID").fill("x-client-456");
    // X's live stream needs the app's Bearer token: optional, kept in the vault like the secret.
    await change.getByText("With it, mentions stream into the inbox live").waitFor();
    await change.getByLabel("Bearer token (for the live stream)").fill(X_BEARER);
    await change.getByRole("button", { name: "Save app" }).click();
    await change.waitFor({ state: "detached" });
    await xRow.getByText("x-client-456").waitFor();
    await xRow.getByText("Secret stored").waitFor();
    await page.getByRole("button", { name: "Change X (Twitter)" }).click();
    const again = page.getByRole("dialog", { name: "Change the X (Twitter) app" });
    await again.getByText("A token is stored: mentions stream into the inbox live").waitFor();
    expect(await again.getByLabel("Bearer token (for the live stream)").inputValue()).toBe("");
    await again.getByRole("button", { name: "Cancel" }).click();
    await again.waitFor({ state: "detached" });
    expect(await page.content()).not.toContain(X_BEARER);

    // A Mastodon server that does not let apps register themselves gets its app by hand.
    await page.getByRole("button", { name: "Add a Mastodon server's app" }).click();
    const mastodon = page.getByRole("dialog", { name: "Set up the Mastodon app" });
    await mastodon.getByLabel("Server address").fill("https://social.example.org");
    await mastodon.getByLabel("Client key").fill("mastodon-key-1");
    await mastodon.getByLabel("Client secret").fill(MASTODON_SECRET);
    await mastodon.getByRole("button", { name: "Save app" }).click();
    await mastodon.waitFor({ state: "detached" });
    const mastodonRow = page.getByRole("row", { name: /Mastodon https:\/\/social\.example\.org/ });
    await mastodonRow.getByText("mastodon-key-1").waitFor();
    await mastodonRow.getByText("Secret stored").waitFor();
    await screenshot(page, "network-apps");

    const listed = await callApi<NetworkApps>(page, app.baseUrl, "GET", "/api/network-apps");
    expect(JSON.stringify(listed)).not.toContain(X_SECRET);
    expect(await page.content()).not.toContain(MASTODON_SECRET);
    expect(problemsOf(page)).toEqual([]);
  });

  it("fits on a phone", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/admin/network-apps`);
    await page.getByRole("row", { name: /X \(Twitter\)/ }).waitFor();
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "network-apps-phone", { fullPage: false });
    await page.getByRole("button", { name: "Change X (Twitter)" }).click();
    await page.getByRole("dialog", { name: "Change the X (Twitter) app" }).waitFor();
    await screenshot(page, "network-app-dialog-phone", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
  });
});
