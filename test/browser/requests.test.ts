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

const VERA = { email: "vera@example.com", name: "Vera Viewer", roles: ["viewer"], password: "a viewer who needs help" };
const IAN = { email: "ian@example.com", name: "Ian Agent", roles: ["agent"], password: "an agent in the it team" };

describe("the help desk in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    const { baseUrl } = suite.app;
    await signInAsAdmin(page, baseUrl);
    await callApi(page, baseUrl, "POST", "/api/users", VERA);
    const ian = await callApi<{ id: string }>(page, baseUrl, "POST", "/api/users", IAN);
    const team = await callApi<{ id: string }>(page, baseUrl, "POST", "/api/teams", { name: "IT support", members: [{ userId: ian.id }] });
    await callApi(page, baseUrl, "PUT", "/api/requests/settings/queues/it", { name: "IT", teamId: team.id });
    await callApi(page, baseUrl, "POST", "/api/kb/articles", {
      title: "Lost your two-factor phone?",
      summary: "Get back into a corporate account when the 2FA device is gone.",
      body: "Use a recovery code from the vault, or ask IT to reset two-factor authentication for you.",
      visibility: "internal",
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("a viewer gets a suggestion, files anyway, the IT queue answers within its SLA, and the viewer rates the answer", async () => {
    const { app, browser } = suite;
    const vera = await openPage(browser);
    await signInAs(vera, app.baseUrl, VERA);
    await mainNav(vera).getByRole("link", { name: "Help desk" }).click();
    await vera.getByRole("heading", { level: 1, name: "Need help?" }).waitFor();
    await vera.getByLabel("What do you need?").selectOption({ label: "Lost access or 2FA" });
    await vera.getByLabel("Subject").fill("Lost my two-factor phone");
    await vera.getByLabel("Describe it").fill("My phone was stolen and I cannot sign in to our LinkedIn page.");
    const suggestions = vera.getByRole("region", { name: "Articles that may help" });
    await suggestions.getByRole("link", { name: "Lost your two-factor phone?" }).waitFor();
    await screenshot(vera, "requests-form-suggestion");
    await vera.getByRole("button", { name: "Send request" }).click();

    await vera.getByRole("heading", { level: 1, name: "#1 Lost my two-factor phone" }).waitFor();
    const details = vera.getByRole("region", { name: "Details" });
    await details.getByText("IT", { exact: true }).waitFor();
    await details.getByText(/First response due/).waitFor();
    await screenshot(vera, "requests-filed");

    // The agent sees it in the IT queue with its SLA due time, answers, notes, and resolves.
    const ian = await openPage(browser);
    await signInAs(ian, app.baseUrl, IAN);
    await ian.goto(`${app.baseUrl}/helpdesk/queue`);
    await ian.getByRole("heading", { level: 1, name: "Request queues" }).waitFor();
    const row = ian.getByRole("row", { name: /#1 Lost my two-factor phone/ });
    await row.getByText(/First response due/).waitFor();
    expect(await row.getByRole("cell", { name: "IT", exact: true }).count()).toBe(1);
    await screenshot(ian, "requests-queue");
    await row.getByRole("link").click();
    await ian.getByRole("heading", { level: 1, name: "#1 Lost my two-factor phone" }).waitFor();
    await ian.getByLabel("Reply to the requester").fill("I reset your two-factor. Sign in and set it up on your new phone.");
    await ian.getByRole("button", { name: "Send reply" }).click();
    await ian.getByText("I reset your two-factor.").waitFor();
    await ian.getByLabel("Internal note").check();
    await ian.getByLabel("Internal note (never shown to the requester)").fill("Verified her identity by phone.");
    await ian.getByRole("button", { name: "Add note" }).click();
    await ian.getByText("Verified her identity by phone.").waitFor();
    await ian.getByLabel("Status").selectOption("resolved");
    await ian.getByRole("region", { name: "Details" }).getByText("Resolved", { exact: true }).waitFor();
    await screenshot(ian, "requests-agent-view");

    // The requester sees the reply (not the note) and rates it.
    await vera.reload();
    await vera.getByText("I reset your two-factor.").waitFor();
    expect(await vera.getByText("Verified her identity").count()).toBe(0);
    await vera.getByRole("radio", { name: /5/ }).check();
    await vera.getByLabel("Anything to add? (optional)").fill("Fixed in ten minutes, thank you!");
    await vera.getByRole("button", { name: "Send rating" }).click();
    await vera.getByText("Thanks for your rating.").waitFor();
    await screenshot(vera, "requests-rated");
    await vera.goto(`${app.baseUrl}/helpdesk`);
    await vera.getByRole("region", { name: "My requests" }).getByRole("link", { name: "Lost my two-factor phone" }).waitFor();
    expect(problemsOf(vera)).toEqual([]);
    expect(problemsOf(ian)).toEqual([]);
  });

  it("an article that did not help leads to the request form, prefilled with it", async () => {
    const { app, browser } = suite;
    const vera = await openPage(browser);
    await signInAs(vera, app.baseUrl, VERA);
    await vera.goto(`${app.baseUrl}/kb/lost-your-two-factor-phone`);
    await vera.getByRole("button", { name: "No", exact: true }).click();
    await screenshot(vera, "requests-kb-not-helpful");
    await vera.getByRole("link", { name: "Ask the help desk" }).click();
    await vera.getByRole("heading", { level: 1, name: "Need help?" }).waitFor();
    expect(await vera.getByLabel("Subject").inputValue()).toContain("Lost your two-factor phone?");
    await vera.getByRole("button", { name: "Send request" }).click();
    const page = vera.getByRole("region", { name: "Details" });
    await page.getByRole("link", { name: "Lost your two-factor phone?" }).waitFor();
    expect(problemsOf(vera)).toEqual([]);
  });
});
