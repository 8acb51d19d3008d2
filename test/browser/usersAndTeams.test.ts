import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const ADA = { name: "Ada Lovelace", email: "ada@example.com", password: "analytical-engine-1843" };

describe("administering users and teams", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("creates a user with roles, edits and disables them, and puts them in a new team", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);

    await mainNav(page).getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Name").fill(ADA.name);
    await dialog.getByLabel("Email").fill(ADA.email);
    await dialog.getByRole("checkbox", { name: "contributor", exact: true }).check();
    await dialog.getByRole("checkbox", { name: "approver", exact: true }).check();
    await dialog.getByLabel("Initial password").fill(ADA.password);
    await screenshot(page, "users-new-dialog");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await dialog.waitFor({ state: "detached" });

    const adaRow = page.getByRole("row", { name: new RegExp(ADA.name) });
    await adaRow.waitFor();
    expect(await adaRow.getByRole("listitem").allTextContents()).toEqual(["approver", "contributor"]);
    await page.getByRole("status").getByText(`Created ${ADA.name}`).waitFor();

    // The same email twice: the API's reason is shown in the dialog.
    await page.getByRole("button", { name: "New user" }).click();
    await dialog.getByLabel("Name").fill("Another Ada");
    await dialog.getByLabel("Email").fill(ADA.email);
    await dialog.getByRole("button", { name: "Create user" }).click();
    await dialog.getByRole("alert").getByText("A user with this email already exists.").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });

    // Edit: give Ada the lead role too.
    await page.getByRole("button", { name: `Edit ${ADA.name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${ADA.name}` });
    await edit.getByRole("checkbox", { name: "lead", exact: true }).check();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "detached" });
    await expect.poll(() => adaRow.getByRole("listitem").allTextContents()).toEqual(["approver", "contributor", "lead"]);

    // Disable (with confirmation), then enable again.
    await page.getByRole("button", { name: `Disable ${ADA.name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Disable ${ADA.name}?` });
    await confirm.getByRole("button", { name: "Disable user" }).click();
    await adaRow.getByText("Disabled").waitFor();
    await page.getByLabel("Status").selectOption("disabled");
    await expect.poll(() => page.getByRole("row").count()).toBe(2);
    await page.getByLabel("Status").selectOption("");
    await page.getByRole("button", { name: `Enable ${ADA.name}` }).click();
    await adaRow.getByText("Active").waitFor();

    // Search narrows the list.
    await page.getByLabel("Search").fill("lovelace");
    await expect.poll(() => page.getByRole("row").count()).toBe(2);
    await page.getByLabel("Search").fill("");
    await expect.poll(() => page.getByRole("row").count()).toBe(3);

    // A new password for Ada.
    await page.getByRole("button", { name: `Set password for ${ADA.name}` }).click();
    const reset = page.getByRole("dialog", { name: `Set a new password for ${ADA.name}` });
    await reset.getByLabel("New password", { exact: true }).fill("difference-engine-1822");
    await reset.getByLabel("Confirm new password").fill("difference-engine-1822");
    await reset.getByRole("button", { name: "Set password" }).click();
    await reset.waitFor({ state: "detached" });
    await page.getByRole("status").getByText(`New password set for ${ADA.name}`).waitFor();

    // A team with Ada as its lead.
    await mainNav(page).getByRole("link", { name: "Teams" }).click();
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await page.getByText("No teams yet").waitFor();
    await screenshot(page, "teams-empty");
    await page.getByRole("button", { name: "New team" }).click();
    const team = page.getByRole("dialog", { name: "New team" });
    await team.getByLabel("Team name").fill("Social");
    await team.getByLabel("Description").fill("Runs the calendar and answers the community.");
    await team.getByLabel("Person to add").selectOption({ label: `${ADA.name} (${ADA.email})` });
    await team.getByRole("button", { name: "Add member" }).click();
    await team.getByLabel(`Team role of ${ADA.name}`).selectOption("lead");
    await screenshot(page, "teams-new-dialog");
    await team.getByRole("button", { name: "Create team" }).click();
    await team.waitFor({ state: "detached" });

    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Social" }) });
    await card.getByText(ADA.email).waitFor();
    await card.getByText("lead", { exact: true }).waitFor();
    await card.getByText("1 member").waitFor();
    await screenshot(page, "teams");

    // The user list now shows Ada's team.
    await mainNav(page).getByRole("link", { name: "Users" }).click();
    await adaRow.getByText("Social").waitFor();
    await screenshot(page, "users");
    expect(problemsOf(page)).toEqual([]);
  });

  it("renames a team and deletes it after confirming", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await callApi(page, app.baseUrl, "POST", "/api/teams", { name: "Support", description: "Works the inbox." });

    await mainNav(page).getByRole("link", { name: "Teams" }).click();
    await page.getByRole("button", { name: "Edit team Support" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Support" });
    await edit.getByLabel("Team name").fill("Customer care");
    await edit.getByRole("button", { name: "Save team" }).click();
    await edit.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Customer care" }).waitFor();

    await page.getByRole("button", { name: "Delete team Customer care" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete team Customer care?" });
    await screenshot(page, "teams-delete-confirm");
    await confirm.getByRole("button", { name: "Delete team" }).click();
    await confirm.waitFor({ state: "detached" });
    await page.getByRole("status").getByText("Deleted team Customer care").waitFor();
    expect(await page.getByRole("heading", { name: "Customer care" }).count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
  });
});
