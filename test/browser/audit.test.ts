import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../web/src/api/types.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

describe("the audit log in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("shows who created a user and a team, filters by action, pages back and verifies the chain", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const ada = await callApi<User>(page, app.baseUrl, "POST", "/api/users", {
      name: "Ada Lovelace",
      email: "ada@example.com",
      roles: ["lead"],
    });
    await callApi(page, app.baseUrl, "POST", "/api/teams", { name: "Social", members: [{ userId: ada.id, role: "lead" }] });
    // Enough other events that the log needs a second page.
    for (let i = 1; i <= 50; i++) {
      await callApi(page, app.baseUrl, "POST", "/api/users", { name: `Temp ${i}`, email: `temp${i}@example.com`, roles: [] });
    }

    await page.reload();
    await mainNav(page).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByText("Created user temp50@example.com (no roles)").waitFor();
    await page.getByRole("button", { name: "Load more" }).click();
    const teamRow = page.getByRole("row").filter({ hasText: "team.created" });
    await teamRow.getByText("Created team Social with 1 member(s)").waitFor();
    const adaRow = page.getByRole("row").filter({ hasText: "Created user ada@example.com" });
    await adaRow.getByText("user.created").waitFor();
    await adaRow.getByText("grace@example.com").waitFor();
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);

    // Only team events.
    await page.getByLabel("Action").selectOption("team.created");
    await expect.poll(() => page.getByRole("row").count()).toBe(2);
    await teamRow.waitFor();
    expect(new URL(page.url()).searchParams.get("action")).toBe("team.created");

    // A prefix: every user action, and free text on top.
    await page.getByLabel("Action").selectOption({ label: "All user actions" });
    await page.getByLabel("Search").fill("ada@");
    await expect.poll(() => page.getByRole("row").count()).toBe(2);

    // Details: what changed, from where.
    await adaRow.getByRole("button", { name: /Details of event/ }).click();
    const details = page.getByRole("row").filter({ hasText: "Request ID" });
    await details.getByText('"email": "ada@example.com"').waitFor();
    await details.getByText("127.0.0.1").waitFor();
    await screenshot(page, "audit-details");

    // A day range that holds nothing.
    await page.getByLabel("Search").fill("");
    await page.getByLabel("From", { exact: true }).fill("2001-01-01");
    await page.getByLabel("To", { exact: true }).fill("2001-01-31");
    await page.getByText("No events match these filters").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    // Back to the whole log: the newest page at once, the older events (the team's) behind "Load more"
    // unless the earlier pages are still on screen from before the filters.
    await page.getByText("Created user temp50@example.com (no roles)").waitFor();
    if (!(await teamRow.isVisible())) await page.getByRole("button", { name: "Load more" }).click();
    await teamRow.waitFor();

    await page.getByRole("button", { name: "Verify chain" }).click();
    await page.getByRole("status").getByText("Chain OK").waitFor();
    await screenshot(page, "audit", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
  });
});
