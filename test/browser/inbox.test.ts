import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch } from "../../server/inbox/ingest/ingest.js";
import type { InboundEvent } from "../../server/inbox/ingest/types.js";
import { compileRules } from "../../server/inbox/routing/rules.js";
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

const AGA = { email: "aga@example.com", name: "Aga Agent", roles: ["agent"], password: "an agent works the inbox" };
const VIC = { email: "vic@example.com", name: "Vic Viewer", roles: ["viewer"], password: "a viewer only looks on" };

/** The end of the long message: only "Show all" brings it into view. */
const LONG_END = "Please answer this letter within the week. Sam Okafor";
const LONG_LETTER = [
  "Formal complaint about my trip to Porto and the refund I was promised.",
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `Paragraph ${i + 1}. On the outbound flight the seat I paid extra for was given to someone else, the crew could not explain why, and the desk at the gate told me to write to you. I have written three times and been told each time that someone would call me back within two working days.`,
  ),
  LONG_END,
].join("\n\n");

interface Mention {
  id: string;
  who: string;
  name: string;
  text: string;
  minutesAgo: number;
  kind?: InboundEvent["kind"];
  inReplyTo?: string;
}

/** Newest first, as the inbox should list them (Maya's thread is newest through her follow-up). */
const MENTIONS: Mention[] = [
  {
    id: "m-maya-1",
    who: "maya.example",
    name: "Maya Lind",
    text: "My bag never arrived in Lisbon and nobody at the desk can tell me anything. Third day in the same clothes, this is ridiculous",
    minutesAgo: 95,
  },
  {
    id: "m-maya-2",
    who: "maya.example",
    name: "Maya Lind",
    text: "Still nothing. Reference LIS-44821. Anyone?",
    minutesAgo: 4,
    inReplyTo: "m-maya-1",
  },
  {
    id: "m-tom",
    who: "tom.example",
    name: "Tom Byrne",
    text: "Huge thanks to the crew on the 07:40 from Dublin, best flight I have had all year! Great service",
    minutesAgo: 12,
  },
  {
    id: "m-priya",
    who: "priya.example",
    name: "Priya Nair",
    text: "Can I bring a folding bike as checked baggage? Your site does not say how to book it",
    minutesAgo: 25,
  },
  {
    id: "m-leo",
    who: "leo.example",
    name: "Leo Martin",
    text: "Flight cancelled AGAIN, no email, no rebooking, on hold for 2 hours. Worst airline ever",
    minutesAgo: 40,
  },
  { id: "d-sam", who: "sam.example", name: "Sam Okafor", text: LONG_LETTER, minutesAgo: 60, kind: "message" },
  {
    id: "m-ines",
    who: "ines.example",
    name: "Inês Costa",
    text: "Delayed 3 hours at the gate and the staff were rude when we asked why. Not flying with you again",
    minutesAgo: 70,
  },
  { id: "m-kai", who: "kai.example", name: "Kai Weber", text: "Is the lounge in terminal 2 open during the renovation?", minutesAgo: 80 },
];

/** What the network delivers: a mention names the account first; a reply or a direct message need not. */
const textOf = (m: Mention) => (m.kind === "message" || m.inReplyTo ? m.text : `@acme.example ${m.text}`);

/** The subject the inbox shows: the first message's text cut at 80 characters (by ingestion), less the channel's own handle. */
const subjectOf = (id: string) => {
  const mention = MENTIONS.find((m) => m.id === id);
  const text = mention ? textOf(mention) : "";
  const line = text.slice(0, 200).replace(/\s+/g, " ").trim();
  return (line.length > 80 ? `${line.slice(0, 79)}…` : line).replace(/^@acme\.example\s*/, "");
};

const conversations = (page: Page) => page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
const optionLabels = async (page: Page) =>
  (await conversations(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) as string[];
const pane = (page: Page) => page.getByRole("region", { name: "Conversation" });
const toast = (page: Page, text: string | RegExp) => page.locator(".toast").filter({ hasText: text }).first();

async function openInbox(page: Page, baseUrl: string, query = "") {
  await page.goto(`${baseUrl}/inbox${query}`);
  await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
  await conversations(page).first().waitFor();
}

describe("the inbox in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await callApi(page, app.baseUrl, "POST", "/api/users", AGA);
    await callApi(page, app.baseUrl, "POST", "/api/users", VIC);
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.example",
    });
    await page.context().close();

    // Messages arrive as a connector's poll would bring them: through ingestion, straight into the app's database.
    const now = Date.now();
    const events: InboundEvent[] = MENTIONS.map((m) => ({
      accountId: account.id,
      network: "bluesky",
      kind: m.kind ?? "mention",
      remoteId: m.id,
      text: textOf(m),
      createdAt: new Date(now - m.minutesAgo * 60_000),
      author: { externalId: `did:plc:${m.who.split(".")[0]}`, handle: m.who, displayName: m.name },
      url: `https://bsky.app/profile/${m.who}/post/${m.id}`,
      ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    }));
    await ingestBatch(app.database.db, events, { rules: compileRules([]) });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("lists the conversations newest first, with sentiment, and the Negative view keeps the negative ones", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await mainNav(page).getByRole("link", { name: "Inbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await conversations(page).first().waitFor();
    const labels = await optionLabels(page);
    expect(labels).toHaveLength(7);
    // Newest activity first: Maya's follow-up (4 minutes ago) puts her thread on top.
    const order = ["m-maya-1", "m-tom", "m-priya", "m-leo", "d-sam", "m-ines", "m-kai"].map((id) => subjectOf(id).slice(0, 40));
    expect(labels.map((l) => order.findIndex((s) => l.startsWith(s)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(labels[0]).toMatch(/from Maya Lind, Bluesky @acme\.example, Negative, Complaint/);
    expect(labels[0]).toContain("2 messages");
    expect(labels[1]).toMatch(/Positive/);
    await page.getByText("7 conversations").waitFor();
    await screenshot(page, "inbox-list", { fullPage: false });

    await page.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: "Negative" }).click();
    await expect.poll(async () => (await optionLabels(page)).every((l) => l.includes("Negative"))).toBe(true);
    const negative = await optionLabels(page);
    expect(negative.length).toBeGreaterThanOrEqual(3);
    expect(negative.some((l) => l.startsWith(subjectOf("m-maya-1").slice(0, 40)))).toBe(true);
    expect(negative.some((l) => l.startsWith(subjectOf("m-leo").slice(0, 40)))).toBe(true);
    expect(negative.some((l) => l.startsWith(subjectOf("m-tom").slice(0, 40)))).toBe(false);
    expect(page.url()).toContain("view=negative");
    expect(await page.getByLabel("Sentiment").isDisabled()).toBe(true);
    await screenshot(page, "inbox-negative", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("an agent triages by keyboard: j/k/Enter open, n writes a note, a assigns, e resolves", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, AGA);
    await openInbox(page, app.baseUrl);

    // "?" shows the shortcuts.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await help.getByText("Select the highlighted conversation for a bulk action").waitFor();
    await screenshot(page, "inbox-shortcuts", { fullPage: false });
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });

    // j, j, k: the highlight is on the second row; Enter opens it beside the list.
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("Enter");
    const tom = subjectOf("m-tom");
    await pane(page).getByRole("heading", { level: 2, name: tom }).waitFor();
    expect(await conversations(page).nth(1).getAttribute("aria-current")).toBe("true");
    // With a conversation open, k opens the one above: Maya's thread, oldest message first.
    await page.keyboard.press("k");
    const maya = subjectOf("m-maya-1");
    await pane(page).getByRole("heading", { level: 2, name: maya }).waitFor();
    const thread = pane(page).getByRole("region", { name: "Messages" }).getByRole("article");
    expect(await thread.count()).toBe(2);
    expect(await thread.first().textContent()).toContain("My bag never arrived");
    await thread.first().getByRole("list", { name: "Classification" }).getByText("Negative").waitFor();
    await pane(page).getByRole("complementary", { name: "Contact" }).getByText("@maya.example").waitFor();

    // n: the note box; typed letters are text, not shortcuts.
    await page.keyboard.press("n");
    const note = pane(page).getByRole("textbox", { name: "Internal note" });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    const noteText = "Asked the Lisbon desk about LIS-44821; they expect the bag on the evening flight. Will update Maya at 18:00.";
    await page.keyboard.type(noteText);
    expect(await note.inputValue()).toBe(noteText);
    await page.keyboard.press("Control+Enter");
    const noteItem = pane(page).getByRole("article", { name: "Internal note from Aga Agent" });
    await noteItem.getByText(noteText).waitFor();
    await toast(page, "Note added").waitFor();
    expect(await pane(page).getByRole("heading", { level: 2, name: maya }).count()).toBe(1);
    expect(await note.inputValue()).toBe("");

    // Esc leaves the note box; a assigns the conversation to me.
    await note.focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("a");
    await pane(page).getByText("Assigned to you").waitFor();
    await toast(page, /^Assigned to you/).waitFor();
    expect(await pane(page).getByLabel("Assignee").inputValue()).not.toBe("");
    await screenshot(page, "inbox-conversation", { fullPage: false });

    // e resolves it: it leaves the open list and the next conversation opens in its place.
    await page.keyboard.press("e");
    await toast(page, /^Resolved/).waitFor();
    await pane(page).getByRole("heading", { level: 2, name: tom }).waitFor();
    await expect.poll(() => optionLabels(page)).not.toContainEqual(expect.stringContaining(maya.slice(0, 40)));
    expect(await conversations(page).count()).toBe(6);
    await screenshot(page, "inbox-after-resolve", { fullPage: false });

    // A reply goes through the channel or not at all: this one cannot send (no reply support, or not connected), so the
    // server refuses, the page says why, and nothing is added to the thread.
    const tomThread = pane(page).getByRole("region", { name: "Messages" }).getByRole("article");
    const tomMessages = await tomThread.count();
    await pane(page).getByRole("textbox", { name: "Reply to Tom Byrne" }).fill("Thank you Tom, we will pass this on to the crew!");
    await pane(page).getByRole("button", { name: "Send reply" }).click();
    const refusal = pane(page).getByRole("alert").filter({ hasText: "The reply was not sent" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/cannot answer on Bluesky|Connect this account first/);
    expect(await tomThread.count()).toBe(tomMessages);
    await screenshot(page, "inbox-reply-refused", { fullPage: false });

    // It is in Resolved, assigned to Aga, with the note.
    await page.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: "Resolved" }).click();
    await expect.poll(() => optionLabels(page)).toEqual([expect.stringContaining("assigned to Aga Agent")]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("a long message shows truncated, and Show all brings the whole text", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, AGA);
    await openInbox(page, app.baseUrl);
    await conversations(page).filter({ hasText: "Formal complaint about my trip" }).click();
    const letter = pane(page).getByRole("article", { name: "Received from Sam Okafor" });
    await letter.waitFor();
    expect(await letter.textContent()).not.toContain(LONG_END);
    const showAll = letter.getByRole("button", { name: /^Show all \([\d,]+ characters\)$/ });
    expect(await showAll.textContent()).toContain(LONG_LETTER.length.toLocaleString("en-GB"));
    await screenshot(page, "inbox-long-folded", { fullPage: false });
    await showAll.click();
    await letter.getByText(LONG_END).waitFor();
    expect(await letter.getByRole("button", { name: "Show less" }).getAttribute("aria-expanded")).toBe("true");
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("the reply box fills in a canned reply and shows the policy's findings as the agent types", async () => {
    const { app, browser } = suite;
    const adminPage = await openPage(browser);
    await signInAsAdmin(adminPage, app.baseUrl);
    await callApi(adminPage, app.baseUrl, "PUT", "/api/policy/lexicon", { confidential: ["Project Falcon"] });
    await callApi(adminPage, app.baseUrl, "POST", "/api/inbox/canned-replies", {
      name: "Lost bag",
      text: "Hi {{contact.name}}, {{agent.name}} here. So sorry about your bag: please send us your file reference.",
    });
    await adminPage.context().close();

    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, AGA);
    await openInbox(page, app.baseUrl);
    await conversations(page).filter({ hasText: "Formal complaint about my trip" }).click();
    const reply = pane(page).getByRole("textbox", { name: /^Reply to / });
    await reply.waitFor();
    await pane(page).getByRole("combobox", { name: "Insert a canned reply" }).selectOption({ label: "Lost bag" });
    await expect.poll(() => reply.inputValue()).toBe("Hi Sam, Aga here. So sorry about your bag: please send us your file reference.");
    await reply.fill("Good news: Project Falcon will fix this for everyone.");
    const findings = pane(page).getByRole("list", { name: "What the policy notes on this reply" });
    await findings.getByText("Project Falcon").first().waitFor();
    await findings.getByText("Blocks").first().waitFor();
    expect(await pane(page).getByRole("button", { name: "Send reply" }).isDisabled()).toBe(true);
    await findings.scrollIntoViewIfNeeded();
    await screenshot(page, "inbox-reply-findings", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("x selects rows and the bulk bar resolves them together", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, AGA);
    await openInbox(page, app.baseUrl);
    const before = await conversations(page).count();
    // Select the last two (Inês, Kai) with the keyboard.
    await page.getByRole("listbox", { name: "Conversations" }).focus();
    await page.keyboard.press("End");
    await page.keyboard.press("x");
    await page.keyboard.press("k");
    await page.keyboard.press("x");
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByText("2 selected").waitFor();
    expect(await conversations(page).evaluateAll((els) => els.filter((e) => e.getAttribute("aria-selected") === "true").length)).toBe(2);
    await screenshot(page, "inbox-bulk", { fullPage: false });
    await bar.getByRole("button", { name: "Resolve selected" }).click();
    await toast(page, "Resolved 2 conversations").waitFor();
    await expect.poll(() => conversations(page).count()).toBe(before - 2);
    await bar.waitFor({ state: "detached" });
    const left = await optionLabels(page);
    expect(left.some((l) => l.includes("Inês Costa") || l.includes("Kai Weber"))).toBe(false);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("a viewer reads the inbox but sees no work controls, and the shortcuts change nothing", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, VIC);
    await openInbox(page, app.baseUrl);
    const count = await conversations(page).count();
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await pane(page).getByRole("heading", { level: 2 }).waitFor();
    await pane(page).getByText("Assignee").waitFor();
    expect(await pane(page).getByRole("button", { name: "Resolve" }).count()).toBe(0);
    expect(await pane(page).getByRole("button", { name: "Assign to me" }).count()).toBe(0);
    expect(await pane(page).getByRole("textbox", { name: "Internal note" }).count()).toBe(0);
    expect(await pane(page).getByRole("combobox").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Select all" }).count()).toBe(0);
    await page.keyboard.press("e");
    await page.keyboard.press("x");
    expect(await page.getByRole("region", { name: "Bulk actions" }).count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await conversations(page).count()).toBe(count);
    await screenshot(page, "inbox-viewer", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("on a phone the list fills the screen and a conversation covers it, with a way back", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAs(page, app.baseUrl, AGA);
    await openInbox(page, app.baseUrl);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    expect(await page.getByRole("region", { name: "Conversation" }).count()).toBe(0);
    await screenshot(page, "inbox-phone-list");
    await page.getByRole("button", { name: "Filters" }).click();
    await page.getByLabel("Channel").waitFor();
    await screenshot(page, "inbox-phone-filters", { fullPage: false });

    await conversations(page).filter({ hasText: "Leo Martin" }).click();
    await pane(page)
      .getByRole("heading", { level: 2, name: subjectOf("m-leo") })
      .waitFor();
    expect(await page.getByRole("listbox", { name: "Conversations" }).isVisible()).toBe(false);
    expect(await fits()).toBe(true);
    await screenshot(page, "inbox-phone-conversation");
    await pane(page).getByRole("button", { name: "Back to the list" }).click();
    await conversations(page).filter({ hasText: "Leo Martin" }).waitFor();
    expect(await page.getByRole("region", { name: "Conversation" }).count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
