import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MastodonStandIn, startMastodonStandIn } from "../../connectors/mastodon/test/standIn.js";
import type { AccountDetail, Me } from "../../web/src/api/types.js";
import type { Page } from "../servers/browser.js";
import { type BrowserSuite, callApi, openPage, PHONE, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

type Locator = ReturnType<Page["locator"]>;

/** Scrolls a section to the top of the window, clear of the sticky header, for a screenshot. */
const showBelowHeader = (section: Locator) =>
  section.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));

/** Nothing may make the whole page scroll sideways. */
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe("connecting an account in the browser (Mastodon stand-in)", () => {
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

  const newMastodonAccount = async (page: Page, handle: string) => {
    const me = await callApi<Me>(page, suite.app.baseUrl, "GET", "/api/me");
    return callApi<AccountDetail>(page, suite.app.baseUrl, "POST", "/api/accounts", {
      network: "mastodon",
      handle,
      ownerId: me.user.id,
      twoFactor: "enabled",
    });
  };

  it("signs in on the server the person names, shows who it is connected as, checks the connection and disconnects", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await newMastodonAccount(page, "switchboard");

    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    const connection = page.getByRole("region", { name: "Connection" });
    await connection.getByText("Not connected").waitFor();
    await showBelowHeader(connection);
    await screenshot(page, "account-connection-not-connected", { fullPage: false });
    await connection.getByRole("button", { name: "Connect" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect switchboard" });
    await dialog.getByLabel("Server address").fill(mastodon.url);
    await screenshot(page, "account-connect-server-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Continue to sign in" }).click();

    // The stand-in allows at once and sends the browser back, as a real server does once the person clicks Authorize.
    await page.getByText("Connected switchboard on Mastodon.").waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/accounts/${account.id}`);
    expect(await connection.getByRole("definition").filter({ hasText: "ID 109 on Mastodon" }).count()).toBe(1);
    await connection.getByText("Connected", { exact: true }).waitFor();
    await connection.getByText("Access token").waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "account-connected", { fullPage: false });
    await showBelowHeader(connection);
    await screenshot(page, "account-connection-connected", { fullPage: false });

    await connection.getByRole("button", { name: "Check connection" }).click();
    await page.getByRole("status").getByText("Mastodon accepted the connection of switchboard").waitFor();

    // The token Switchboard holds is never in the page.
    const token = mastodon.requests.find((r) => r.path === "/api/v1/accounts/verify_credentials")?.bearer();
    expect(token).toBeTruthy();
    expect(await page.content()).not.toContain(token);

    await connection.getByRole("button", { name: "Disconnect" }).click();
    const confirm = page.getByRole("dialog", { name: "Disconnect switchboard?" });
    await confirm.getByText("revoke it there too").waitFor();
    await screenshot(page, "account-disconnect-confirm", { fullPage: false });
    await confirm.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("status").getByText("Disconnected switchboard and erased its stored credentials").waitFor();
    await connection.getByText("Not connected").waitFor();
    await connection.getByText("Nothing is stored for this account.").waitFor();
    await connection.getByRole("button", { name: "Connect" }).waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("says why connecting failed: a server that does not answer, and a refusal on the network", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await newMastodonAccount(page, "@acme@mastodon.example");

    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    await page.getByRole("region", { name: "Connection" }).getByRole("button", { name: "Connect" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect @acme@mastodon.example" });
    // The server is guessed from the handle.
    expect(await dialog.getByLabel("Server address").inputValue()).toBe("https://mastodon.example");
    // Port 9 (discard): nothing listens there.
    await dialog.getByLabel("Server address").fill("http://127.0.0.1:9");
    await dialog.getByRole("button", { name: "Continue to sign in" }).click();
    const problem = dialog.getByRole("alert");
    await problem.getByText("Could not start connecting").waitFor();
    expect(await problem.innerText()).toMatch(/mastodon.*could not be reached: the connection was refused/i);
    await screenshot(page, "account-connect-unreachable", { fullPage: false });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    // Closing the dialog forgets the failure.
    expect(await page.getByRole("alert").count()).toBe(0);

    // The person says no on the network, which sends them back with the OAuth error.
    const refusal = "The resource owner or authorization server denied the request.";
    await page.goto(`${app.baseUrl}/api/accounts/oauth/callback?error=access_denied&error_description=${encodeURIComponent(refusal)}`);
    const alert = page.getByRole("alert");
    await alert.getByText("Connecting the account did not work").waitFor();
    await alert.getByText(refusal).waitFor();
    expect(new URL(page.url()).search).toBe("");
    await screenshot(page, "accounts-connect-refused", { fullPage: false });

    // X signs in through the organisation's own app: until an admin registers it, Connect says where to do that.
    const x = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    await page.goto(`${app.baseUrl}/accounts/${x.id}`);
    const connection = page.getByRole("region", { name: "Connection" });
    await connection.getByRole("button", { name: "Connect" }).click();
    await connection.getByRole("alert").getByText("Register Switchboard as an app on X (Twitter) first").waitFor();
    await showBelowHeader(connection);
    await screenshot(page, "account-connect-no-app", { fullPage: false });
    await connection.getByRole("link", { name: "Set up the X (Twitter) app under Admin → Network apps" }).click();
    await page.getByRole("heading", { level: 1, name: "Network apps" }).waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("fits the connection controls on a phone", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAsAdmin(page, app.baseUrl);
    const account = await newMastodonAccount(page, "switchboard-phone");
    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    const connection = page.getByRole("region", { name: "Connection" });
    await connection.getByRole("button", { name: "Connect" }).click();
    await page.getByRole("dialog", { name: "Connect switchboard-phone" }).getByLabel("Server address").fill(mastodon.url);
    await screenshot(page, "account-connect-server-dialog-phone", { fullPage: false });
    await page.getByRole("button", { name: "Continue to sign in" }).click();
    await page.getByText("Connected switchboard-phone on Mastodon.").waitFor();
    await showBelowHeader(connection);
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "account-connected-phone", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
  });
});
