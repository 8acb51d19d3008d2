import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountDetail, User } from "../../web/src/api/types.js";
import {
  ADMIN,
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  problemsOf,
  screenshot,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

describe("offboarding a person in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("hands their accounts to a successor, revokes their access and keeps a checklist for the networks", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const bob = await callApi<User>(page, app.baseUrl, "POST", "/api/users", {
      name: "Bob Leaving",
      email: "bob@example.com",
      roles: ["contributor"],
      password: "last-day-at-work-1",
    });
    await callApi<User>(page, app.baseUrl, "POST", "/api/users", { name: "Carol Staying", email: "carol@example.com", roles: ["lead"] });
    const owned = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "facebook",
      handle: "acme",
      ownerId: bob.id,
      twoFactor: "enabled",
    });
    const granted = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    await callApi(page, app.baseUrl, "PUT", `/api/accounts/${granted.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: bob.id, permissions: ["publish"] }],
    });

    await mainNav(page).getByRole("link", { name: "Offboardings" }).click();
    await page.getByRole("heading", { level: 1, name: "Offboardings" }).waitFor();
    await page.getByText("Nobody has been offboarded yet").waitFor();

    await mainNav(page).getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    // Nobody offboards themselves from here.
    expect(await page.getByRole("button", { name: `Offboard ${ADMIN.name}` }).count()).toBe(0);
    await page.getByRole("button", { name: "Offboard Bob Leaving" }).click();
    const dialog = page.getByRole("dialog", { name: "Offboard Bob Leaving" });
    await dialog.getByText("Bob Leaving owns 1 account:").waitFor();
    await dialog.getByText("acme", { exact: true }).waitFor();
    await dialog.getByRole("button", { name: "Offboard Bob Leaving" }).click();
    await dialog.getByText("Choose who takes over the accounts Bob Leaving owns.").waitFor();
    await dialog.getByLabel("Successor").selectOption({ label: "Carol Staying (carol@example.com)" });
    await screenshot(page, "offboard-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Offboard Bob Leaving" }).click();

    await page.getByRole("heading", { level: 1, name: "Offboarding of Bob Leaving" }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/offboardings\/[\w-]+$/);
    const done = page.getByRole("region", { name: "Done in Switchboard" });
    await done.getByText("1 account(s) now owned by carol@example.com").waitFor();
    await done.getByText("Revoked 1 direct account grant(s)").waitFor();
    await done.getByText(/^Disabled bob@example.com/).waitFor();
    const todo = page.getByRole("region", { name: "Still to do on the networks" });
    await todo.getByText("0 of 2 done").waitFor();
    const facebookItem = todo.getByRole("checkbox", { name: "Remove bob@example.com from Facebook Page acme" });
    await todo.getByRole("checkbox", { name: "Remove bob@example.com from X (Twitter) acmeair" }).waitFor();

    await facebookItem.check();
    await todo.getByText("1 of 2 done").waitFor();
    await todo.getByText(`Done by ${ADMIN.email} on`).waitFor();
    expect(await facebookItem.isChecked()).toBe(true);
    await screenshot(page, "offboarding-result");

    // The ticked item survives a reload: it is stored, not just shown.
    await page.reload();
    await todo.getByText("1 of 2 done").waitFor();
    expect(await facebookItem.isChecked()).toBe(true);

    // The account now belongs to the successor.
    await todo.getByRole("link", { name: "Open the account for: Remove bob@example.com from Facebook Page acme" }).click();
    await page.getByRole("heading", { level: 1, name: "acme" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/accounts/${owned.id}`);
    await page.getByRole("region", { name: "Overview" }).getByText("Carol Staying").waitFor();
    const activity = page.getByRole("region", { name: "Activity" });
    await activity.getByText("facebook account acme passed from bob@example.com to carol@example.com").waitFor();

    // Bob's grant on the other account is gone.
    await page.goto(`${app.baseUrl}/accounts/${granted.id}`);
    await page.getByRole("region", { name: "Access" }).getByText("Nobody has been granted access yet.").waitFor();
    // Nobody owns it: the page says why it needs attention.
    await page.getByText("This account needs attention").waitFor();
    await page.getByRole("listitem").filter({ hasText: "Nobody owns this account" }).waitFor();
    await screenshot(page, "account-detail-problem", { fullPage: false });

    await mainNav(page).getByRole("link", { name: "Offboardings" }).click();
    const row = page.getByRole("row", { name: /Bob Leaving/ });
    await row.getByText("1 of 2 done").waitFor();
    await row.getByText("Carol Staying").waitFor();
    await row.getByText(ADMIN.name).waitFor();
    await screenshot(page, "offboardings");

    await mainNav(page).getByRole("link", { name: "Users" }).click();
    await page
      .getByRole("row", { name: /Bob Leaving/ })
      .getByText("Disabled")
      .waitFor();
    expect(problemsOf(page)).toEqual([]);
  });
});
