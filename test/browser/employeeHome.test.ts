import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAs, signInAsAdmin, startBrowserSuite } from "./support.js";

const EVAN = { email: "evan@example.com", name: "Evan Employee", roles: ["employee"], password: "an employee with questions" };
const LENA = { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "the social media lead here" };

describe("the employee home and the reports in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const { baseUrl } = suite.app;
    const admin = await openPage(suite.browser);
    await signInAsAdmin(admin, baseUrl);
    await callApi(admin, baseUrl, "POST", "/api/users", EVAN);
    await callApi(admin, baseUrl, "POST", "/api/users", LENA);
    await callApi(admin, baseUrl, "POST", "/api/kb/articles", {
      title: "Lost your two-factor phone?",
      summary: "Get back into a corporate account when the 2FA device is gone.",
      body: "Use a recovery code from the vault, or ask IT to reset two-factor authentication for you.",
      visibility: "internal",
    });
    // A substantive change everyone must acknowledge within a week.
    await callApi(admin, baseUrl, "POST", "/api/attestation/versions", {
      title: "Social media policy",
      body: "# Social media policy\n\nSpeak for the company only on corporate accounts, and disclose who you work for.",
      note: "Disclosure is now required on personal accounts.",
      substantive: true,
      campaign: {
        audience: { kind: "everyone" },
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        allowLate: true,
        remindEveryDays: 3,
      },
    });
    await admin.context().close();

    // Evan has asked for help and started the netiquette course.
    const evan = await openPage(suite.browser);
    await signInAs(evan, baseUrl, EVAN);
    await callApi(evan, baseUrl, "POST", "/api/requests", {
      type: "access",
      subject: "Lost my two-factor phone",
      description: "My phone was stolen and I cannot sign in to our LinkedIn page.",
    });
    const { courses } = await callApi<{ courses: { id: string; slug: string }[] }>(evan, baseUrl, "GET", "/api/training/courses");
    const netiquette = courses.find((c) => c.slug === "netiquette-basics");
    if (!netiquette) throw new Error("the starter course is missing");
    const course = await callApi<{ lessons: { id: string }[] }>(evan, baseUrl, "GET", `/api/training/courses/${netiquette.id}`);
    await callApi(evan, baseUrl, "POST", `/api/training/lessons/${course.lessons[0]?.id}/read`);
    await evan.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("shows an employee their open request, training and the policy to acknowledge, and finds help as they type", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, EVAN);

    const requests = page.getByRole("region", { name: "My requests" });
    const request = requests.getByRole("listitem").filter({ hasText: "#1 Lost my two-factor phone" });
    await request.getByText("New", { exact: true }).waitFor();
    await request.getByText(/First response due/).waitFor();
    await request.getByText("IT", { exact: true }).waitFor();

    const training = page.getByRole("region", { name: "My training" });
    const course = training.getByRole("listitem").filter({ hasText: "Netiquette basics" });
    await course.getByText(/In progress: 1 of \d+ lessons/).waitFor();

    const policies = page.getByRole("region", { name: "Policies to acknowledge" });
    await policies.getByRole("link", { name: /Social media policy \(version \d+\)/ }).waitFor();
    await policies.getByText(/^Due/).waitFor();

    // Content to share: nothing curated yet, said plainly. Employees get no queue shortcuts.
    await page.getByRole("region", { name: "Content to share" }).getByText("Nothing new to share right now.").waitFor();
    expect(await page.getByRole("heading", { name: "Your queues and tools" }).count()).toBe(0);

    // Need help? Typing suggests the article; the help desk is one click away.
    const help = page.getByRole("region", { name: "Need help?" });
    await help.getByLabel("Search the knowledge base").fill("two-factor");
    await help.getByRole("link", { name: "Lost your two-factor phone?" }).waitFor();
    await screenshot(page, "home-employee");

    await policies.getByRole("link", { name: /Social media policy \(version/ }).click();
    await page.waitForURL(/\/attestation$/);
    await page.goBack();
    await help.getByRole("link", { name: "Ask the help desk" }).click();
    await page.getByRole("heading", { level: 1, name: "Need help?" }).waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("takes a lead from the home shortcuts to the reports, and downloads a table as CSV", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, LENA);
    const shortcuts = page.getByRole("region", { name: "Your queues and tools" });
    await shortcuts.getByText("1 active, 1 unassigned").waitFor();
    await screenshot(page, "home-lead", { fullPage: false });
    await shortcuts.getByRole("link", { name: /Reports/ }).click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();

    const requests = page.getByRole("region", { name: "Requests by type and queue" });
    const row = requests.getByRole("row", { name: /Lost access or 2FA/ });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual(["IT", "1", "0", "0", "0", "0", "0", "1"]);
    const sla = page.getByRole("region", { name: "SLA attainment" });
    await sla.getByRole("row", { name: /IT First response/ }).waitFor();
    const training = page.getByRole("region", { name: "Training completion" });
    await training.getByRole("row", { name: /Netiquette basics/ }).waitFor();
    const policy = page.getByRole("region", { name: "Policy acknowledgment coverage" });
    await policy.getByRole("row", { name: /Social media policy/ }).waitFor();
    await screenshot(page, "reports");

    // A range with nothing in it says so.
    await page.getByLabel("From").fill("2020-01-01");
    await page.getByLabel("To").fill("2020-01-31");
    await requests.getByText("Nothing to count").waitFor();
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await row.waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      requests.getByRole("link", { name: "Download Requests by type and queue as CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^requests-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await download.path(), "utf8")).trim().split("\n");
    expect(csv[0]).toBe("Type,Queue,New,Open,Pending,On hold,Resolved,Closed,Total");
    expect(csv).toContain("Lost access or 2FA,IT,1,0,0,0,0,0,1");
    expect(problemsOf(page)).toEqual([]);
  });
});
