/**
 * The routing rules page (/inbox/routing): a lead writes two rules, puts them in order by keyboard,
 * saves them, and new conversations arrive routed by them; a rule naming a team removed meanwhile
 * gets the server's error beside it; people without inbox.manage see neither link nor page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch } from "../../server/inbox/ingest/ingest.js";
import type { InboundEvent } from "../../server/inbox/ingest/types.js";
import { compileRules } from "../../server/inbox/routing/rules.js";
import { loadRoutingRules } from "../../server/inbox/routing/store.js";
import type { Page } from "../servers/browser.js";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAs, signInAsAdmin, startBrowserSuite } from "./support.js";

const LEE = { email: "lee@example.com", name: "Lee Lead", roles: ["lead"], password: "a lead sorts the inbox" };
const AGA = { email: "aga@example.com", name: "Aga Agent", roles: ["agent"], password: "an agent works the inbox" };

const COMPLAINT = "Flight cancelled AGAIN, no email, no rebooking, on hold for 2 hours. Worst airline ever";
const INVOICE = "Where can I download the invoice for my booking?";
const LOUNGE = "Is the lounge in terminal 2 open during the renovation?";

const rulesList = (page: Page) => page.getByRole("list", { name: "Routing rules, in the order they apply" });
const ruleNames = async (page: Page) =>
  (await rulesList(page)
    .locator(":scope > li")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) as string[];
const rule = (page: Page, name: string) =>
  rulesList(page)
    .locator(":scope > li")
    .filter({ has: page.getByRole("heading", { name }) });
const conversations = (page: Page) => page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
const toast = (page: Page, text: string | RegExp) => page.locator(".toast").filter({ hasText: text }).first();

async function openRoutingPage(page: Page, baseUrl: string, shot?: string) {
  await page.goto(`${baseUrl}/inbox`);
  await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
  if (shot) await screenshot(page, shot, { fullPage: false });
  await page.getByRole("link", { name: "Routing rules" }).click();
  await page.getByRole("heading", { level: 1, name: "Routing rules" }).waitFor();
}

describe("the routing rules page", () => {
  let suite: BrowserSuite;
  let accountId: string;
  let careTeamId: string;
  let billingDeskId: string;

  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await callApi(page, app.baseUrl, "POST", "/api/users", LEE);
    await callApi(page, app.baseUrl, "POST", "/api/users", AGA);
    accountId = (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", { network: "bluesky", handle: "acme.example" }))
      .id;
    careTeamId = (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/teams", { name: "Customer care", members: [] })).id;
    billingDeskId = (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/teams", { name: "Billing desk", members: [] })).id;
    await callApi(page, app.baseUrl, "POST", "/api/inbox/canned-replies", {
      name: "Invoice copy",
      text: "Hi {{contact.name}}, a copy of your invoice is on its way by email.",
    });
    await page.context().close();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("a lead writes two rules, reorders them by keyboard, saves, and new conversations are routed by them", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, LEE);
    await openRoutingPage(page, app.baseUrl, "routing-rules-inbox-link");
    await page.getByText("No routing rules yet").waitFor();
    await page.getByText(/Every enabled rule whose conditions all hold applies, not only the first/).waitFor();
    await screenshot(page, "routing-rules-empty");

    // Rule 1: complaints go to Customer care at high priority.
    await page.getByRole("button", { name: "Add a rule" }).click();
    const first = rulesList(page).locator(":scope > li").first();
    await first.getByLabel("Rule name").fill("Complaints to care");
    await first.getByLabel("Condition to add").selectOption("intent");
    await first.getByRole("button", { name: "Add condition" }).click();
    await first
      .getByRole("group", { name: /Intent/ })
      .getByLabel("Complaint")
      .check();
    await first.getByLabel("Team").selectOption({ label: "Customer care" });
    await first.getByLabel("Priority").selectOption("high");
    await first.getByLabel("Priority").scrollIntoViewIfNeeded();
    await screenshot(page, "routing-rules-editing", { fullPage: false });
    await first.getByRole("button", { name: "Done editing" }).click();
    await first.getByText("Intent is Complaint").waitFor();
    await first.getByText("Team Customer care · Priority High").waitFor();

    // Rule 2: anything mentioning an invoice is tagged billing, with the invoice reply suggested.
    await page.getByRole("button", { name: "Add a rule" }).click();
    const second = rulesList(page).locator(":scope > li").nth(1);
    await second.getByLabel("Rule name").fill("Invoices to billing");
    await second.getByLabel("Condition to add").selectOption("text");
    await second.getByRole("button", { name: "Add condition" }).click();
    await second.getByLabel(/Any of these words or phrases/).fill("invoice\nreceipt");
    await second.getByLabel("Add tags").fill("billing");
    await second.getByLabel("Suggested reply").selectOption({ label: "Invoice copy" });
    await second.getByRole("button", { name: "Done editing" }).click();
    await second.getByText("Text contains “invoice” or “receipt”").waitFor();
    expect(await ruleNames(page)).toEqual(["1. Complaints to care", "2. Invoices to billing"]);
    await page.getByText("Unsaved changes").waitFor();

    // Reorder by keyboard: the invoice rule goes first, and the keyboard stays with it.
    await page.getByRole("button", { name: "Move Invoices to billing up" }).focus();
    await page.keyboard.press("Enter");
    expect(await ruleNames(page)).toEqual(["1. Invoices to billing", "2. Complaints to care"]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move Invoices to billing down");
    await page.getByText("Invoices to billing moved to position 1 of 2. Not saved yet.").waitFor();

    // Following a link inside the app with the rules unsaved asks first; staying keeps every change.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox", exact: true }).click();
    const leave = page.getByRole("dialog", { name: "Leave without saving?" });
    await leave.getByText("Your changes to the routing rules are not saved.").waitFor();
    await screenshot(page, "routing-rules-leave", { fullPage: false });
    await leave.getByRole("button", { name: "Cancel" }).click();
    await leave.waitFor({ state: "detached" });
    expect(new URL(page.url()).pathname).toBe("/inbox/routing");
    expect(await ruleNames(page)).toEqual(["1. Invoices to billing", "2. Complaints to care"]);
    await page.getByText("Unsaved changes").waitFor();

    await page.getByRole("button", { name: "Save rules" }).click();
    await toast(page, "Routing rules saved (2 rules)").waitFor();
    await page.getByText("All changes saved").waitFor();
    await screenshot(page, "routing-rules-list");

    // Saved as shown, in that order.
    const saved = await callApi<{ rules: { name: string; conditions: unknown[]; actions: Record<string, unknown>; stop: boolean }[] }>(
      page,
      app.baseUrl,
      "GET",
      "/api/inbox/routing-rules",
    );
    expect(saved.rules.map((r) => r.name)).toEqual(["Invoices to billing", "Complaints to care"]);
    expect(saved.rules[0]?.conditions).toEqual([{ field: "text", values: ["invoice", "receipt"] }]);
    expect(saved.rules[0]?.actions).toMatchObject({ tags: ["billing"], suggestedReplyId: expect.any(String) });
    expect(saved.rules[1]).toMatchObject({
      conditions: [{ field: "intent", values: ["complaint"] }],
      actions: { teamId: careTeamId, priority: "high" },
      stop: false,
    });
    await page.reload();
    await rulesList(page).waitFor();
    expect(await ruleNames(page)).toEqual(["1. Invoices to billing", "2. Complaints to care"]);

    // New messages arrive as a poll would bring them, routed by the saved rules.
    const now = Date.now();
    const events: InboundEvent[] = [
      { id: "m-leo", who: "leo", name: "Leo Martin", text: COMPLAINT, minutesAgo: 3 },
      { id: "m-nia", who: "nia", name: "Nia Brooks", text: INVOICE, minutesAgo: 2 },
      { id: "m-kai", who: "kai", name: "Kai Weber", text: LOUNGE, minutesAgo: 1 },
    ].map((m) => ({
      accountId,
      network: "bluesky",
      kind: "mention" as const,
      remoteId: m.id,
      text: `@acme.example ${m.text}`,
      createdAt: new Date(now - m.minutesAgo * 60_000),
      author: { externalId: `did:plc:${m.who}`, handle: `${m.who}.example`, displayName: m.name },
      url: `https://bsky.app/profile/${m.who}.example/post/${m.id}`,
    }));
    const db = app.database.db;
    await ingestBatch(db, events, { rules: compileRules(await loadRoutingRules(db)) });

    await page.goto(`${app.baseUrl}/inbox`);
    await conversations(page).first().waitFor();
    const labels = (await conversations(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) as string[];
    const labelOf = (start: string) => labels.find((l) => l.startsWith(start)) ?? "";
    expect(labelOf("Flight cancelled AGAIN")).toMatch(/Negative, Complaint, .*High priority/);
    expect(labelOf("Where can I download the invoice")).toContain("tags billing");
    expect(labelOf("Where can I download the invoice")).not.toContain("High priority");
    expect(labelOf("Is the lounge")).toContain("Normal priority");
    expect(labelOf("Is the lounge")).not.toContain("tags");
    await conversations(page).filter({ hasText: "Flight cancelled AGAIN" }).click();
    const pane = page.getByRole("region", { name: "Conversation" });
    await pane.getByRole("heading", { level: 2, name: /Flight cancelled AGAIN/ }).waitFor();
    expect(await pane.getByLabel("Team").locator("option:checked").textContent()).toBe("Customer care");
    expect(await pane.getByLabel("Priority").inputValue()).toBe("high");
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("a rule naming a team removed meanwhile gets the server's error beside it; fixed, it saves; a rule can be deleted", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, LEE);
    await openRoutingPage(page, app.baseUrl);
    await rulesList(page).waitFor();

    // What the page checks itself: a rule needs a name.
    await page.getByRole("button", { name: "Add a rule" }).click();
    const added = rulesList(page).locator(":scope > li").nth(2);
    await page.getByRole("button", { name: "Save rules" }).click();
    await added.getByText("Give the rule a name.").waitFor();

    await added.getByLabel("Rule name").fill("Refunds to the billing desk");
    await added.getByLabel("Condition to add").selectOption("text");
    await added.getByRole("button", { name: "Add condition" }).click();
    await added.getByLabel(/Any of these words or phrases/).fill("refund");
    await added.getByLabel("Team").selectOption({ label: "Billing desk" });
    await added.getByRole("button", { name: "Done editing" }).click();

    // Meanwhile an administrator removes that team.
    const admin = await openPage(browser);
    await signInAsAdmin(admin, app.baseUrl);
    await callApi(admin, app.baseUrl, "DELETE", `/api/teams/${billingDeskId}`);
    await admin.context().close();

    await page.getByRole("button", { name: "Save rules" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The rules were not saved" });
    await alert.getByText("Rule 3: No team has that id.").waitFor();
    // The rule opens for editing with the message under its Team field.
    const refunds = rule(page, "Refunds to the billing desk");
    const team = refunds.getByLabel("Team");
    expect(await team.getAttribute("aria-invalid")).toBe("true");
    await refunds.locator(".field-error").filter({ hasText: "No team has that id." }).waitFor();
    await page.getByText("Unsaved changes").waitFor();
    // The page now knows the team is gone: the select says so instead of naming it.
    await team.locator("option:checked").filter({ hasText: "A team no longer there" }).waitFor({ state: "attached" });
    await alert.scrollIntoViewIfNeeded();
    await screenshot(page, "routing-rules-error", { fullPage: false });
    await team.scrollIntoViewIfNeeded();
    await screenshot(page, "routing-rules-error-field", { fullPage: false });

    await team.selectOption({ label: "Customer care" });
    await page.getByRole("button", { name: "Save rules" }).click();
    await toast(page, "Routing rules saved (3 rules)").waitFor();
    expect(await ruleNames(page)).toEqual(["1. Invoices to billing", "2. Complaints to care", "3. Refunds to the billing desk"]);

    // Disable one, delete another.
    await page.getByRole("checkbox", { name: "Enabled: Complaints to care" }).uncheck();
    await rule(page, "Complaints to care").getByText("Disabled").waitFor();
    await page.getByRole("button", { name: "Delete Refunds to the billing desk" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this rule?" });
    await dialog.getByRole("button", { name: "Delete rule" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Save rules" }).click();
    await toast(page, "Routing rules saved (2 rules)").waitFor();
    const saved = await callApi<{ rules: { name: string; enabled: boolean }[] }>(page, app.baseUrl, "GET", "/api/inbox/routing-rules");
    expect(saved.rules.map((r) => [r.name, r.enabled])).toEqual([
      ["Invoices to billing", true],
      ["Complaints to care", false],
    ]);

    // Time of day: out of hours in a zone; one the server does not know is refused beside the condition.
    await page.getByRole("button", { name: "Add a rule" }).click();
    const night = rulesList(page).locator(":scope > li").nth(2);
    await night.getByLabel("Rule name").fill("Out of hours");
    await night.getByLabel("Condition to add").selectOption("hours");
    await night.getByRole("button", { name: "Add condition" }).click();
    await night.getByLabel("From").selectOption("18");
    await night.getByLabel("Until").selectOption("8");
    await night.getByLabel("Time zone").fill("Mars/Olympus");
    await night.getByText("Wraps past midnight").waitFor();
    await night.getByLabel("Priority").selectOption("low");
    await page.getByRole("button", { name: "Save rules" }).click();
    await night.locator(".field-error").filter({ hasText: "Mars/Olympus is not a time zone this server knows" }).waitFor();
    await night.getByLabel("Time zone").scrollIntoViewIfNeeded();
    await screenshot(page, "routing-rules-hours", { fullPage: false });
    await night.getByLabel("Time zone").fill("Europe/Berlin");
    await page.getByRole("button", { name: "Save rules" }).click();
    await toast(page, "Routing rules saved (3 rules)").waitFor();
    await rule(page, "Out of hours").getByText("Arrives between 18:00 and 08:00 (Europe/Berlin)").waitFor();
    const withHours = await callApi<{ rules: { conditions: unknown[] }[] }>(page, app.baseUrl, "GET", "/api/inbox/routing-rules");
    expect(withHours.rules[2]?.conditions).toEqual([{ field: "hours", from: 18, to: 8, timeZone: "Europe/Berlin" }]);

    // An unsaved new rule, and the lead leaves anyway: the page goes, the saved rules stay as they were.
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByText("Unsaved changes").waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox", exact: true }).click();
    await page.getByRole("dialog", { name: "Leave without saving?" }).getByRole("button", { name: "Leave without saving" }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await page.getByRole("link", { name: "Routing rules" }).click();
    await rule(page, "Out of hours").waitFor();
    expect(await ruleNames(page)).toHaveLength(3);
    expect(await page.getByText("All changes saved").count()).toBe(1);
    // Nothing unsaved: links go without asking.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("people without inbox.manage see no link, and the page says what it needs", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, AGA);
    await page.goto(`${app.baseUrl}/inbox`);
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    expect(await page.getByRole("link", { name: "Routing rules" }).count()).toBe(0);
    await page.goto(`${app.baseUrl}/inbox/routing`);
    await page.getByText(/it needs inbox\.manage/).waitFor();
    await page.context().close();
  });
});
