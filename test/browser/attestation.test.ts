import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  problemsOf,
  screenshot,
  signInAs,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

const CORA = { email: "cora@example.com", name: "Cora Contributor", roles: ["contributor"], password: "a contributor who reads policies" };
const NEW_RULE = "Employees renew the Netiquette basics certificate every year.";

describe("policy attestation in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    await callApi(page, suite.app.baseUrl, "POST", "/api/users", CORA);
    // Publishing needs the current policy acknowledged.
    await callApi(page, suite.app.baseUrl, "PUT", "/api/training/requirements", {
      requirements: [{ subject: "permission:posts.write", courseIds: [], policy: true }],
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("an employee accepts the policy; a substantive change makes them re-acknowledge, seeing what changed", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, CORA);
    await mainNav(page).getByRole("link", { name: "Policies" }).click();
    await page.getByRole("heading", { level: 1, name: "Policies to acknowledge" }).waitFor();
    await page.getByText(/Please read and acknowledge the social media policy \(version 1\)/).waitFor();
    await page.getByRole("button", { name: "Read the policy" }).click();
    await page.getByRole("heading", { name: "Social media policy, version 1" }).waitFor();
    expect(await page.getByRole("heading", { name: /What changed/ }).count()).toBe(0);
    await page.getByRole("button", { name: "I have read and accept version 1" }).click();
    await page.getByText(/You accepted version 1 on/).waitFor();
    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();

    // The policy owner publishes a substantive change with a campaign.
    const admin = await openPage(browser);
    await signInAsAdmin(admin, app.baseUrl);
    await admin.goto(`${app.baseUrl}/attestation/manage`);
    await admin.getByRole("heading", { level: 1, name: "Social media policy" }).waitFor();
    const text = admin.getByLabel("Policy text");
    await text.waitFor();
    const body = await text.inputValue();
    expect(body).toContain("Who may speak for the company");
    await text.fill(
      body.replace("## 3. How we speak", `${NEW_RULE}\n\n## 3. How we speak`).replace("agencies and interns", "agencies and trainees"),
    );
    await admin.getByLabel("What changed").fill("Yearly renewal of the netiquette certificate");
    await admin.getByLabel("Allow late acknowledgment", { exact: false }).uncheck();
    await screenshot(admin, "attestation-publish");
    await admin.getByRole("button", { name: "Publish version 2" }).click();
    await admin.getByText(/Version 2 published/).waitFor();
    const campaigns = admin.getByRole("region", { name: "Acknowledgment campaigns" });
    await campaigns.getByText(/0 of 2 acknowledged/).waitFor();
    await campaigns.getByRole("button", { name: "Who has not acknowledged" }).click();
    await campaigns.getByRole("table", { name: "Not acknowledged" }).getByText("cora@example.com").waitFor();
    expect(await campaigns.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toMatch(/\/pending\.csv$/);
    await screenshot(admin, "attestation-report");

    // The employee is told, sees what changed since version 1, and accepts again.
    await page.goto(`${app.baseUrl}/attestation`);
    await page.getByText(/Please read and acknowledge the social media policy \(version 2\) by/).waitFor();
    await page.getByRole("button", { name: "Read the policy" }).click();
    const diff = page.getByRole("region", { name: "Changes from version 1 to 2" });
    await diff.waitFor();
    expect((await diff.locator("ins").allTextContents()).join(" ")).toContain("renew the Netiquette basics certificate");
    await diff.locator("del").first().waitFor();
    await screenshot(page, "attestation-diff");
    await page.getByRole("button", { name: "I have read and accept version 2" }).click();
    await page.getByText(/You accepted version 2 on/).waitFor();

    await admin.reload();
    await admin
      .getByRole("region", { name: "Acknowledgment campaigns" })
      .getByText(/1 of 2 acknowledged/)
      .waitFor();
    const notes = await callApi<{ notifications: { kind: string }[] }>(page, app.baseUrl, "GET", "/api/notifications");
    expect(notes.notifications.map((n) => n.kind)).toContain("attestation.requested");
    expect(problemsOf(page)).toEqual([]);
    expect(problemsOf(admin)).toEqual([]);
    await page.context().close();
    await admin.context().close();
  });
});
