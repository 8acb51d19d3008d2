import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMailServer, type TestMailServer } from "../../connectors/email/test/mailServer.js";
import { workQueue } from "../../server/inbox/assignment/workQueue.js";
import { startWebhookReceiver } from "../../server/inbox/crisis/webhooks/testReceiver.js";
import { pollEmailChannels } from "../../server/inbox/email/pollEmail.js";
import type { Page } from "../servers/browser.js";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAs, signInAsAdmin, startBrowserSuite } from "./support.js";

const AGA = { email: "aga@example.com", name: "Aga Agent", roles: ["agent"], password: "an agent works the inbox" };
const BO = { email: "bo@example.com", name: "Bo Agent", roles: ["agent"], password: "bo works the inbox too" };
const LEA = { email: "lea@example.com", name: "Lea Lead", roles: ["lead"], password: "lea leads the care team" };

const pane = (page: Page) => page.getByRole("region", { name: "Conversation" });
const conversations = (page: Page) => page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
const toast = (page: Page, text: string | RegExp) => page.locator(".toast").filter({ hasText: text }).first();

describe("working the inbox queue in the browser", () => {
  let suite: BrowserSuite;
  let mail: TestMailServer;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const ids: Record<string, string> = {};

  const email = (from: string, name: string, id: string, subject: string, body: string) =>
    mail.deliver(
      [
        `From: ${name} <${from}>`,
        `To: ${mail.user}`,
        `Subject: ${subject}`,
        `Message-ID: <${id}@example.org>`,
        `Date: ${new Date().toUTCString()}`,
        "",
        body,
      ].join("\r\n"),
    );
  const work = () => workQueue(suite.app.database.db, { rowLocks: false });

  beforeAll(async () => {
    mail = await startTestMailServer();
    receiver = await startWebhookReceiver();
    suite = await startBrowserSuite({ withAdmin: true });
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    for (const person of [AGA, BO, LEA])
      ids[person.name] = (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/users", person)).id;
    const team = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/teams", {
      name: "Customer care",
      members: [
        { userId: ids[AGA.name], role: "member" },
        { userId: ids[BO.name], role: "member" },
        { userId: ids[LEA.name], role: "lead" },
      ],
    });
    await callApi(page, app.baseUrl, "PUT", "/api/inbox/routing-rules", {
      rules: [{ name: "Everything to care", enabled: true, conditions: [], actions: { teamId: team.id }, stop: false }],
    });
    await callApi(page, app.baseUrl, "PUT", `/api/inbox/team-settings/${team.id}`, { autoAssign: "least_loaded", slaPolicyId: "urgent" });
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", { network: "email", handle: mail.user });
    await callApi(page, app.baseUrl, "POST", `/api/accounts/${account.id}/email`, {
      username: mail.user,
      password: mail.password,
      imap: { ...mail.imap, security: "none" },
      smtp: { ...mail.smtp, security: "none" },
    });
    await callApi(page, app.baseUrl, "PUT", "/api/inbox/settings/reply-approval", { roles: ["agent"], accountIds: [] });
    await callApi(page, app.baseUrl, "PUT", "/api/inbox/settings/lead-webhook", {
      url: receiver.url,
      enabled: true,
      secret: "sales-webhook-secret-0123456789",
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
    await mail?.close();
    await receiver?.close();
  });

  it("a lead sets capacity; available agents get new conversations by load, with an SLA badge; assigning over capacity warns", async () => {
    const { app, browser } = suite;
    const lea = await openPage(browser);
    await signInAs(lea, app.baseUrl, LEA);
    await lea.goto(`${app.baseUrl}/inbox`);
    await lea.getByRole("link", { name: "Queue settings" }).click();
    await lea.getByRole("heading", { level: 1, name: "Inbox queue settings" }).waitFor();
    await lea.getByLabel("Capacity of Bo Agent").fill("1");
    await lea
      .getByRole("row", { name: /Bo Agent/ })
      .getByRole("button", { name: "Save" })
      .click();
    await toast(lea, "Bo Agent holds at most 1 open conversation").waitFor();
    await screenshot(lea, "queue-settings", { fullPage: true });

    // Aga and Bo say they are available (Bo through the API: his own page is not what this test is about).
    const aga = await openPage(browser);
    await signInAs(aga, app.baseUrl, AGA);
    await aga.goto(`${app.baseUrl}/inbox`);
    await aga.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await aga.getByLabel("Your presence").selectOption("available");
    await aga.getByText("0/10 open").waitFor();
    const bo = await openPage(browser);
    await signInAs(bo, app.baseUrl, BO);
    await callApi(bo, app.baseUrl, "PUT", "/api/inbox/agents/me/presence", { presence: "available" });

    email(
      "maya@example.org",
      "Maya Lind",
      "maya-1",
      "My bag never arrived in Lisbon",
      "Third day in the same clothes. Reference LIS-44821.",
    );
    email(
      "tom@example.org",
      "Tom Byrne",
      "tom-1",
      "Group booking for our company offsite",
      "We are 40 people and would like a quote for March.",
    );
    email("kai@example.org", "Kai Weber", "kai-1", "Lounge in terminal 2", "Is the lounge open during the renovation?");
    expect(await pollEmailChannels(app.services)).toMatchObject({ failed: 0, stored: 3 });
    await work();

    // Bo took one (his capacity), Aga the other two; each shows the first-response clock of the Urgent policy.
    await aga.goto(`${app.baseUrl}/inbox?view=mine`);
    await conversations(aga).first().waitFor();
    expect(await conversations(aga).count()).toBe(2);
    await aga.locator(".inbox-row .inbox-sla").first().waitFor();
    expect(await aga.locator(".inbox-row .inbox-sla").first().textContent()).toMatch(/First response due in (29|30) min/);
    await aga.getByText("2/10 open").waitFor();
    await screenshot(aga, "queue-mine-sla", { fullPage: false });

    // Handing one to Bo, who is at capacity, asks first.
    await conversations(aga).first().click();
    await pane(aga).getByLabel("Assignee").selectOption({ label: "Bo Agent · available, 1/1 open" });
    const warning = pane(aga).getByRole("alert").filter({ hasText: "Bo Agent already has 1 open conversation" });
    await warning.waitFor();
    await warning.scrollIntoViewIfNeeded();
    await screenshot(aga, "queue-over-capacity", { fullPage: false });
    await warning.getByRole("button", { name: "Cancel" }).click();
    await warning.waitFor({ state: "detached" });
    expect(problemsOf(aga)).toEqual([]);
    expect(problemsOf(lea)).toEqual([]);
    for (const p of [aga, bo, lea]) await p.context().close();
  });

  it("an agent's reply is held, a lead approves it, and it goes out by email", async () => {
    const { app, browser } = suite;
    const aga = await openPage(browser);
    await signInAs(aga, app.baseUrl, AGA);
    await aga.goto(`${app.baseUrl}/inbox?view=mine`);
    const row = conversations(aga)
      .filter({ hasText: /My bag never arrived|Lounge in terminal 2/ })
      .first();
    await row.click();
    const reply = pane(aga).getByRole("textbox", { name: /^Reply to / });
    await reply.fill("So sorry for the wait. Your case is with our baggage team and we will write again today.");
    await pane(aga).getByRole("button", { name: "Send reply" }).click();
    await toast(aga, "Reply held").waitFor();
    await pane(aga)
      .getByRole("list", { name: "Replies held for approval" })
      .getByText(/^Waiting for a lead.s approval/)
      .waitFor();
    await screenshot(aga, "queue-reply-held", { fullPage: false });
    expect(mail.sent).toHaveLength(0);

    const lea = await openPage(browser);
    await signInAs(lea, app.baseUrl, LEA);
    await lea.goto(`${app.baseUrl}/inbox`);
    await lea.getByRole("link", { name: "Approvals (1)" }).click();
    await lea.getByRole("heading", { level: 1, name: "Replies waiting for approval" }).waitFor();
    await lea.getByText("So sorry for the wait.").waitFor();
    await screenshot(lea, "queue-approvals", { fullPage: false });
    await lea.getByRole("button", { name: "Approve and send" }).click();
    await toast(lea, "Approved: the reply was sent").waitFor();
    await lea.getByText("No reply is waiting for approval.").waitFor();
    await expect.poll(() => mail.sent.length).toBe(1);
    expect(mail.sent[0]?.raw).toContain("So sorry for the wait.");

    await aga.reload();
    await pane(aga).getByRole("article").filter({ hasText: "So sorry for the wait." }).first().waitFor();
    expect(await pane(aga).getByRole("list", { name: "Replies held for approval" }).count()).toBe(0);
    expect(problemsOf(aga)).toEqual([]);
    expect(problemsOf(lea)).toEqual([]);
    for (const p of [aga, lea]) await p.context().close();
  });

  it("an agent marks a conversation as a lead and it is sent to sales", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/inbox`);
    await conversations(page).filter({ hasText: "Group booking" }).click();
    const lead = pane(page).getByRole("region", { name: "Sales lead" });
    await lead.getByRole("button", { name: "Mark as lead" }).click();
    const form = lead.getByRole("form", { name: "Lead details" });
    expect(await form.getByLabel("Name").inputValue()).toBe("Tom Byrne");
    await form.getByLabel("Company").fill("Initech");
    await form.getByLabel("Email").fill("tom@example.org");
    await form.getByLabel("Note for sales").fill("40 people, offsite in March");
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, "queue-lead-form", { fullPage: false });
    await form.getByRole("button", { name: "Mark as lead" }).click();
    await toast(page, "Marked as a lead and sent to sales").waitFor();
    await app.services.jobs.drain();
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(JSON.parse(receiver.received[0]?.body ?? "{}").lead).toMatchObject({ company: "Initech", email: "tom@example.org" });
    await page.reload();
    const sent = pane(page).getByRole("region", { name: "Sales lead" });
    await sent.getByText("Sent to sales").waitFor();
    await sent.scrollIntoViewIfNeeded();
    await screenshot(page, "queue-lead-sent", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
