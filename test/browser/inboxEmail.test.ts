import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMailServer, type TestMailServer } from "../../connectors/email/test/mailServer.js";
import { pollEmailChannels } from "../../server/inbox/email/pollEmail.js";
import type { Page } from "../servers/browser.js";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const pane = (page: Page) => page.getByRole("region", { name: "Conversation" });
const conversations = (page: Page) => page.getByRole("listbox", { name: "Conversations" }).getByRole("option");

describe("an email channel in the browser", () => {
  let suite: BrowserSuite;
  let mail: TestMailServer;
  let accountId: string;

  beforeAll(async () => {
    mail = await startTestMailServer();
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    accountId = (await callApi<{ id: string }>(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "email", handle: mail.user }))
      .id;
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
    await mail?.close();
  });

  it("is connected with its mail servers, receives a customer's email, and answers it by SMTP", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/accounts/${accountId}`);
    await page.getByRole("button", { name: "Connect" }).click();
    const dialog = page.getByRole("dialog", { name: `Connect ${mail.user}` });
    await dialog.waitFor();
    // Guessed from the address; the test's servers run on this machine without TLS.
    expect(await dialog.getByLabel("IMAP server").inputValue()).toBe("imap.acme.example");
    await dialog.getByLabel("Password").fill("not the password");
    await dialog.getByLabel("IMAP server").fill(mail.imap.host);
    await dialog.getByLabel("IMAP encryption").selectOption("none");
    await dialog.getByLabel("IMAP port").fill(String(mail.imap.port));
    await dialog.getByLabel("SMTP server").fill(mail.smtp.host);
    await dialog.getByLabel("SMTP encryption").selectOption("none");
    await dialog.getByLabel("SMTP port").fill(String(mail.smtp.port));
    await screenshot(page, "email-connect-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Connect" }).click();
    await dialog
      .getByRole("alert")
      .filter({ hasText: /refused the user name or password/ })
      .waitFor();
    await screenshot(page, "email-connect-refused", { fullPage: false });
    await dialog.getByLabel("Password").fill(mail.password);
    await dialog.getByRole("button", { name: "Connect" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Check connection" }).waitFor();
    await page.getByRole("button", { name: "Check connection" }).click();
    await page.locator(".toast").filter({ hasText: "accepted the connection" }).first().waitFor();

    // A customer writes; the mailbox is read (as the inbox.poll job does every 15 s).
    mail.deliver(
      [
        "From: Maya Lind <maya@example.org>",
        `To: ${mail.user}`,
        "Subject: My bag never arrived in Lisbon",
        "Message-ID: <maya-1@example.org>",
        `Date: ${new Date().toUTCString()}`,
        "",
        "Third day in the same clothes and nobody at the desk can tell me anything. Reference LIS-44821.",
        "",
        "Maya",
      ].join("\r\n"),
    );
    expect(await pollEmailChannels(app.services)).toMatchObject({ failed: 0, stored: 1 });
    await page.goto(`${app.baseUrl}/inbox`);
    await conversations(page).filter({ hasText: "My bag never arrived in Lisbon" }).click();
    await pane(page)
      .getByRole("article", { name: "Received from Maya Lind" })
      .getByText(/Reference LIS-44821/)
      .waitFor();
    const reply = pane(page).getByRole("textbox", { name: "Reply to Maya Lind" });
    await reply.fill("So sorry, Maya. Your bag is on the evening flight to Lisbon and will be delivered to your hotel tomorrow morning.");
    await screenshot(page, "email-conversation", { fullPage: false });
    // Sent once, however quickly it is asked twice (Ctrl+Enter and a click in the same moment).
    await pane(page)
      .getByRole("button", { name: "Send reply" })
      .evaluate((button: HTMLButtonElement) => {
        button.click();
        button.click();
      });
    const sentReply = pane(page)
      .getByRole("region", { name: "Messages" })
      .getByRole("article")
      .filter({ hasText: /will be delivered to your hotel tomorrow morning/ });
    await sentReply.waitFor();
    await expect.poll(() => mail.sent.length).toBe(1);
    await page.waitForTimeout(1000); // time for a second send to arrive, were there one
    expect(mail.sent.length).toBe(1);
    expect(await sentReply.count()).toBe(1);
    expect(mail.sent[0]?.to).toEqual(["maya@example.org"]);
    expect(mail.sent[0]?.raw).toMatch(/^In-Reply-To: <maya-1@example\.org>\r?$/im);
    expect(mail.sent[0]?.raw).toMatch(/^Subject: Re: My bag never arrived in Lisbon\r?$/im);
    await screenshot(page, "email-replied", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
