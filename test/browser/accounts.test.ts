import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountDetail, Team, User } from "../../web/src/api/types.js";
import type { Page } from "../servers/browser.js";
import {
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  PHONE,
  problemsOf,
  screenshot,
  signInAs,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

const ADA = { name: "Ada Lovelace", email: "ada@example.com", password: "analytical-engine-1843" };
const EVE = { name: "Eve Employee", email: "eve@example.com", password: "reads-the-handbook-1" };

/** Nothing may make the whole page scroll sideways; wide tables scroll inside their frame. */
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The data rows of the accounts table (the header row excluded). */
const accountRows = (page: Page) =>
  page
    .getByRole("table", { name: "Accounts" })
    .getByRole("row")
    .filter({ has: page.getByRole("link") });

describe("the account inventory in the browser", () => {
  let suite: BrowserSuite;
  let ada: User;
  let social: Team;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    ada = await callApi<User>(page, suite.app.baseUrl, "POST", "/api/users", { ...ADA, roles: ["lead"] });
    await callApi<User>(page, suite.app.baseUrl, "POST", "/api/users", { ...EVE, roles: ["employee"] });
    social = await callApi<Team>(page, suite.app.baseUrl, "POST", "/api/teams", {
      name: "Social",
      members: [{ userId: ada.id, role: "lead" }],
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("adds an account, lists it with its health and filters by network and health", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);

    await mainNav(page).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
    await page.getByText("No accounts recorded yet").waitFor();
    await page.getByText("“Who has the password to our Facebook page?” should always have an answer.").waitFor();
    await screenshot(page, "accounts-empty");

    await page.getByRole("button", { name: "Add account" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add account" });
    await dialog.getByLabel("Network").selectOption({ label: "Facebook Page" });
    await dialog.getByLabel("Handle").fill("acmeair");
    await dialog.getByLabel("URL").fill("https://www.facebook.com/acmeair");
    await dialog.getByLabel("Display name").fill("Acme Air");
    await dialog.getByLabel("Owner").selectOption({ label: `${ADA.name} (${ADA.email})` });
    await dialog.getByLabel("Team").selectOption({ label: "Social" });
    await dialog.getByLabel("Two-factor authentication").selectOption({ label: "On" });
    await dialog.getByLabel("Purpose").fill("Customer news and offers for flights in Europe.");
    await screenshot(page, "accounts-add-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Add account" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("status").getByText("Added Facebook Page account acmeair").waitFor();

    const acmeair = accountRows(page).filter({ hasText: "acmeair" });
    await acmeair.getByText("Acme Air").waitFor();
    await acmeair.getByText(ADA.name).waitFor();
    await acmeair.getByText("Social").waitFor();
    await acmeair.getByText("OK", { exact: true }).waitFor();
    await page.getByText("1 account · all in order").waitFor();

    // Recording the same account twice: the reason shows by the Handle field.
    await page.getByRole("button", { name: "Add account" }).click();
    await dialog.getByLabel("Network").selectOption("facebook");
    await dialog.getByLabel("Handle").fill("AcmeAir");
    await dialog.getByRole("button", { name: "Add account" }).click();
    await dialog.getByText("This account is already in the inventory.").first().waitFor();
    expect(await dialog.getByLabel("Handle").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });

    // Two more: one with 2FA off and no owner (a problem), one whose 2FA nobody knows (a warning).
    await callApi(page, app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmedeals", twoFactor: "disabled" });
    await callApi(page, app.baseUrl, "POST", "/api/accounts", { network: "mastodon", handle: "acme@mastodon.social", ownerId: ada.id });
    await page.reload();
    await page.getByText("3 accounts · 2 need attention (1 problem, 1 warning)").waitFor();
    const deals = accountRows(page).filter({ hasText: "acmedeals" });
    const problem = deals.getByText("Problem");
    await problem.waitFor();
    expect(await deals.locator("[title]").filter({ hasText: "Problem" }).getAttribute("title")).toBe(
      "Nobody owns this account; Two-factor authentication is off",
    );
    // Screen readers hear the reasons with the level.
    await deals.getByText(": Nobody owns this account; Two-factor authentication is off").waitFor({ state: "attached" });
    await screenshot(page, "accounts");

    await page.getByLabel("Network").selectOption({ label: "X (Twitter)" });
    await expect.poll(() => accountRows(page).count()).toBe(1);
    await deals.waitFor();
    expect(new URL(page.url()).searchParams.get("network")).toBe("x");

    await page.getByLabel("Network").selectOption("");
    await page.getByLabel("Health").selectOption({ label: "Warning" });
    await expect.poll(() => accountRows(page).count()).toBe(1);
    await accountRows(page).filter({ hasText: "acme@mastodon.social" }).getByText("Warning").waitFor();
    expect(new URL(page.url()).searchParams.get("health")).toBe("warning");

    // Filters live in the URL: a reload keeps them, and a filter that matches nothing says so.
    await page.getByLabel("Search").fill("nothing-like-this");
    await page.getByText("No accounts match these filters").waitFor();
    await page.reload();
    await page.getByText("No accounts match these filters").waitFor();
    expect(await page.getByLabel("Search").inputValue()).toBe("nothing-like-this");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => accountRows(page).count()).toBe(3);
    expect(problemsOf(page)).toEqual([]);
  });

  it("imports a CSV file, reports the bad rows, imports the good ones, and exports the inventory", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/accounts`);
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();

    const csv = [
      "Network,Handle,Display_Name,Owner_Email,Team,Two_Factor,Status,Favourite_Colour",
      `facebook,acme-fans,Acme Fans,${ADA.email},Social,enabled,active,blue`,
      "MySpace,acme1999,Acme on MySpace,,,unknown,retired,",
      "friendster,acme-friends,,,,,,",
      "x,acme-support,,nobody@example.com,,,,",
      "bluesky,acme.bsky.social,,,,sometimes,,",
    ].join("\n");

    await page.getByRole("button", { name: "Import CSV" }).click();
    const dialog = page.getByRole("dialog", { name: "Import accounts from CSV" });
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await dialog.getByText("Choose a CSV file.").waitFor();
    await dialog.getByLabel("CSV file").setInputFiles({ name: "inventory.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await screenshot(page, "accounts-import-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Import", exact: true }).click();

    await dialog.getByText("2 rows were imported; 3 rows were not").waitFor();
    const counts = dialog.getByRole("definition");
    expect(await counts.allTextContents()).toEqual(["2", "0", "0", "3"]);
    await dialog.getByText("Favourite_Colour").waitFor();
    const failed = dialog.getByRole("table", { name: "Rows not imported, with what is wrong" });
    const rowText = async () => (await failed.getByRole("row").allInnerTexts()).slice(1).map((t) => t.split(/\s*\t\s*/).join(" | "));
    expect(await rowText()).toEqual([
      '4 | acme-friends | network | unknown network "friendster"',
      "5 | acme-support | owner_email | no user with email nobody@example.com",
      expect.stringMatching(/^6 \| acme\.bsky\.social \| two_factor \| /),
    ]);
    await screenshot(page, "accounts-import-report", { fullPage: false });
    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "detached" });

    await accountRows(page).filter({ hasText: "acme-fans" }).getByText(ADA.name).waitFor();
    const myspace = accountRows(page).filter({ hasText: "acme1999" });
    await myspace.getByText("MySpace", { exact: true }).waitFor();
    await myspace.getByText("Retired").waitFor();
    expect(await accountRows(page).filter({ hasText: "acme-friends" }).count()).toBe(0);

    // The export link downloads the inventory as CSV, with the session cookie.
    const exportLink = page.getByRole("link", { name: "Export CSV" });
    expect(await exportLink.getAttribute("download")).not.toBeNull();
    const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^switchboard-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = await readFile(await download.path(), "utf8");
    expect(exported.split("\n")[0]).toBe(
      "network,handle,url,display_name,owner_email,team,purpose,audience,status,two_factor,recovery_contact,notes,last_activity_at",
    );
    expect(exported).toContain(`facebook,acme-fans,,Acme Fans,${ADA.email},Social`);
    expect(exported).toContain("myspace,acme1999");
    const response = await page.request.get(`${app.baseUrl}/api/accounts/export`);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(problemsOf(page)).toEqual([]);
  });

  it("grants a team access on the detail page; an employee sees the owner but not the recovery contact", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "instagram",
      handle: "acme.travel",
      displayName: "Acme Travel",
      ownerId: ada.id,
      teamId: social.id,
      purpose: "Holiday pictures from our passengers, reposted with permission.",
      audience: "Leisure travellers, 25–45",
      twoFactor: "enabled",
      recoveryContact: "social-recovery@acme.example",
      notes: "The business account is linked to the Acme Air Facebook page.",
      lastActivityAt: new Date().toISOString(),
    });

    await page.goto(`${app.baseUrl}/accounts?network=instagram`);
    await accountRows(page).getByRole("link", { name: "Instagram acme.travel" }).click();
    await page.getByRole("heading", { level: 1, name: "acme.travel" }).waitFor();
    const overview = page.getByRole("region", { name: "Overview" });
    await overview.getByText("social-recovery@acme.example").waitFor();
    const access = page.getByRole("region", { name: "Access" });
    await access.getByText("Nobody has been granted access yet.").waitFor();

    await access.getByRole("button", { name: "Edit access" }).click();
    const dialog = page.getByRole("dialog", { name: "Access to acme.travel" });
    await dialog.getByLabel("Team or person to add").selectOption({ label: "Social" });
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    const socialGrant = dialog.getByRole("group", { name: "Social" });
    await socialGrant.getByRole("checkbox", { name: "Publish" }).check();
    await socialGrant.getByRole("checkbox", { name: "Reply" }).check();
    // Publishing includes viewing: the box is ticked and locked.
    const view = socialGrant.getByRole("checkbox", { name: "View" });
    expect(await view.isChecked()).toBe(true);
    expect(await view.isDisabled()).toBe(true);
    await screenshot(page, "account-access-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Save access" }).click();
    await dialog.waitFor({ state: "detached" });

    const grantRow = access.getByRole("row", { name: /Social/ });
    expect(await grantRow.getByRole("listitem").allTextContents()).toEqual(["View", "Publish", "Reply"]);
    await page.getByRole("region", { name: "Activity" }).getByText("Changed access to instagram account acme.travel").waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "account-detail", { fullPage: false });
    await access.scrollIntoViewIfNeeded();
    await screenshot(page, "account-detail-access", { fullPage: false });
    const stored = await callApi<AccountDetail>(page, app.baseUrl, "GET", `/api/accounts/${account.id}`);
    expect(stored.grants).toEqual([
      { subjectType: "team", subjectId: social.id, subjectName: "Social", permissions: ["publish", "reply"] },
    ]);

    // An employee with no access: the owner is public, the recovery contact is not.
    const eve = await openPage(browser);
    await signInAs(eve, app.baseUrl, EVE);
    await mainNav(eve).getByRole("link", { name: "Accounts" }).click();
    expect(await eve.getByRole("button", { name: "Add account" }).count()).toBe(0);
    expect(await eve.getByRole("link", { name: "Export CSV" }).count()).toBe(0);
    await accountRows(eve).getByRole("link", { name: "Instagram acme.travel" }).click();
    await eve.getByRole("heading", { level: 1, name: "acme.travel" }).waitFor();
    const eveOverview = eve.getByRole("region", { name: "Overview" });
    await eveOverview.getByText(ADA.name).waitFor();
    await eveOverview.getByText("Holiday pictures from our passengers").waitFor();
    expect(await eve.getByText("social-recovery@acme.example").count()).toBe(0);
    expect(await eve.getByText("The business account is linked").count()).toBe(0);
    expect(await eveOverview.getByText("Only people with access to this account see this.").count()).toBe(2);
    await eve.getByRole("region", { name: "Access" }).getByText("Only people with access to this account see who else has it.").waitFor();
    expect(await eve.getByRole("button", { name: "Edit" }).count()).toBe(0);
    // Connecting is for people who manage the account.
    expect(await eve.getByRole("button", { name: "Connect" }).count()).toBe(0);
    expect(await eve.getByRole("region", { name: "Activity" }).count()).toBe(0);
    await screenshot(eve, "account-detail-employee", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    expect(problemsOf(eve)).toEqual([]);
  });

  it("edits, retires and deletes an account from its page", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "linkedin",
      handle: "acme-air-careers",
      ownerId: ada.id,
      twoFactor: "enabled",
    });
    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    await page.getByRole("heading", { level: 1, name: "acme-air-careers" }).waitFor();

    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog", { name: "Edit acme-air-careers" });
    await edit.getByLabel("Display name").fill("Acme Air Careers");
    await edit.getByLabel("URL").fill("not a url");
    await edit.getByRole("button", { name: "Save changes" }).click();
    // The browser's own check stops a malformed URL before it is sent.
    expect(await edit.getByLabel("URL").evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
    await edit.getByLabel("URL").fill("https://www.linkedin.com/company/acme-air");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "detached" });
    await page.getByText("LinkedIn · Acme Air Careers").waitFor();
    await page.getByRole("link", { name: "https://www.linkedin.com/company/acme-air (opens in a new tab)" }).waitFor();

    await page.getByRole("button", { name: "Retire" }).click();
    await page.getByRole("status").getByText("Retired acme-air-careers.").waitFor();
    await page.getByRole("button", { name: "Reactivate" }).waitFor();
    await page.getByText("Retired", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete acme-air-careers?" });
    await confirm.getByText("its stored credentials are erased").waitFor();
    await screenshot(page, "account-delete-confirm", { fullPage: false });
    await confirm.getByRole("button", { name: "Delete account" }).click();
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
    await page.getByRole("status").getByText("Deleted acme-air-careers").waitFor();
    expect(await accountRows(page).filter({ hasText: "acme-air-careers" }).count()).toBe(0);

    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    await page.getByRole("heading", { level: 1, name: "Account not found" }).waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("fits the list and the detail page on a phone", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAsAdmin(page, app.baseUrl);
    await page.getByRole("button", { name: "Menu" }).click();
    await mainNav(page).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
    await accountRows(page).first().waitFor();
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "accounts-phone", { fullPage: false });

    await accountRows(page).getByRole("link", { name: "Instagram acme.travel" }).click();
    await page.getByRole("heading", { level: 1, name: "acme.travel" }).waitFor();
    await page
      .getByRole("region", { name: "Access" })
      .getByRole("row", { name: /Social/ })
      .waitFor();
    expect(await pageOverflows(page)).toBe(false);
    await screenshot(page, "account-detail-phone", { fullPage: false });
    await screenshot(page, "account-detail-phone-full");
    expect(problemsOf(page)).toEqual([]);
  });
});
