import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrisisDetector } from "../../server/inbox/crisis/detector.js";
import { startWebhookReceiver } from "../../server/inbox/crisis/webhooks/testReceiver.js";
import { afterIngest } from "../../server/inbox/ingest/afterIngest.js";
import { ingestBatch } from "../../server/inbox/ingest/ingest.js";
import type { InboundEvent } from "../../server/inbox/ingest/types.js";
import { compileRules } from "../../server/inbox/routing/rules.js";
import { verifySignature } from "../../server/webhooks/signature.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANGRY = [
  "@acme my baggage is lost again and nobody answers the phone, worst airline ever",
  "@acme three hours waiting at baggage claim and my suitcase never came. terrible service",
  "@acme lost baggage, no hotel, no food voucher. disgusting",
];
const CALM = [
  "@acme what is the baggage allowance for a flight to Lisbon?",
  "@acme thanks, the baggage drop was quick and the crew lovely!",
];

describe("crisis dashboard and contact merge", () => {
  let suite: BrowserSuite;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    receiver = await startWebhookReceiver();
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await suite?.close();
  });

  it("a lead sees a spike on a channel and a topic with its chart and messages, works it, switches crisis mode, and sets up a signed webhook", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.example",
    });
    await callApi(page, app.baseUrl, "POST", "/api/listening/topics", { name: "Baggage", terms: ["baggage"] });

    // Four ordinary days, then the last six hours full of complaints, through the same path as the pollers.
    // The app's own detector was started (and its clock set) before these older messages existed, so they are
    // replayed into one of their own, as a server running all week would have seen them.
    const { db, jobs, config } = app.services;
    const deps = { db, jobs, config, crisisDetector: createCrisisDetector() };
    const now = Date.now();
    const today = Math.floor(now / DAY) * DAY;
    let n = 0;
    const span = async (from: number, ms: number, negative: number, other: number) => {
      const count = negative + other;
      const events = Array.from(
        { length: count },
        (_, i): InboundEvent => ({
          accountId: account.id,
          network: "bluesky",
          kind: "mention",
          remoteId: `m${n++}`,
          // `negative` of the `count` messages spread evenly among the others.
          text:
            Math.floor(((i + 1) * negative) / count) > Math.floor((i * negative) / count)
              ? (ANGRY[i % 3] as string)
              : (CALM[i % 2] as string),
          createdAt: new Date(from + Math.floor((i * ms) / count)),
          author: { externalId: `did:plc:p${n % 50}`, handle: `person${n % 50}.example`, displayName: `Person ${n % 50}` },
        }),
      );
      await afterIngest(deps, await ingestBatch(db, events, { rules: compileRules([]) }));
    };
    for (let d = 5; d >= 2; d--) await span(today - d * DAY, DAY, 25, 25);
    await span(now - 6 * HOUR, 6 * HOUR - 60_000, 130, 20);

    await mainNav(page).getByRole("link", { name: "Crisis" }).click();
    await page.getByRole("heading", { level: 1, name: "Crisis" }).waitFor();
    await page.getByRole("heading", { name: "Crisis mode is off" }).waitFor();
    const alerts = page.getByRole("navigation", { name: "Alerts" });
    await alerts.getByRole("button", { name: /acme\.example \(bluesky\)/ }).waitFor();
    await alerts.getByRole("button", { name: /topic “Baggage”/ }).click();
    const detail = page.getByRole("region", { name: "Baggage" });
    await detail.getByText("Listening topic").waitFor();
    await detail.locator(".crisis-chart canvas").first().waitFor();
    expect(await detail.getByRole("img").getAttribute("aria-label")).toMatch(/^Negative messages per hour/);
    const messages = detail.getByRole("list", { name: "Messages behind the spike" }).getByRole("listitem");
    await expect.poll(() => messages.count()).toBeGreaterThan(10);
    expect(ANGRY).toContain((await messages.first().locator(".crisis-message-text").textContent()) ?? "");
    expect(page.url()).toContain("alert=");
    await screenshot(page, "crisis-alert");

    // From a message to its conversation, and back.
    await messages.first().getByRole("link", { name: "Open conversation" }).click();
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    expect(page.url()).toContain("conversation=");
    await page.goBack();
    await page.getByRole("region", { name: "Baggage" }).waitFor();

    await detail.getByRole("button", { name: "Acknowledge" }).click();
    await detail.getByText("Grace Hopper is on it").waitFor();
    await detail.getByRole("button", { name: "Resolve…" }).click();
    const resolveDialog = page.getByRole("dialog", { name: "Resolve this alert" });
    await resolveDialog.getByLabel("What was done").fill("Baggage system is back; replied to everyone.");
    await resolveDialog.getByRole("button", { name: "Resolve alert" }).click();
    await detail.getByText("Resolved by Grace Hopper").waitFor();
    await detail.getByText(/replied to everyone/).waitFor();
    await alerts.getByText("Recently resolved").waitFor();

    // Crisis mode on, with a reason, and off again.
    const modeForm = page.getByRole("form", { name: "Turn crisis mode on" });
    await modeForm.getByLabel("Reason").fill("Baggage system outage at the hub");
    await modeForm.getByRole("button", { name: "Turn crisis mode on" }).click();
    await page.getByRole("heading", { name: "Crisis mode is on" }).waitFor();
    await page.getByText("Baggage system outage at the hub").waitFor();
    await page.getByText(/Turned on by Grace Hopper/).waitFor();
    await alerts.getByRole("button", { name: /acme\.example \(bluesky\)/ }).click();
    await screenshot(page, "crisis-mode-on", { fullPage: false });
    await page.getByRole("button", { name: "Turn crisis mode off" }).click();
    await page.getByRole("dialog", { name: "Turn crisis mode off?" }).getByRole("button", { name: "Turn off" }).click();
    await page.getByRole("heading", { name: "Crisis mode is off" }).waitFor();
    const audit = await callApi<{ events: { action: string }[] }>(page, app.baseUrl, "GET", "/api/audit?targetType=crisis_alert");
    expect(audit.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["inbox.crisis.alert_acknowledged", "inbox.crisis.alert_resolved"]),
    );

    // A webhook: the secret is made in the browser, stored in the vault, never shown again.
    const form = page.getByRole("form", { name: "Add a webhook" });
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByLabel("Description").fill("On-call bridge");
    await form.getByRole("button", { name: "Generate" }).click();
    const secret = await form.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await form.getByRole("button", { name: "Add webhook" }).click();
    const hooks = page.getByRole("list", { name: "Webhooks" });
    await hooks.getByText(receiver.url).waitFor();
    expect(await form.getByLabel("Signing secret").inputValue()).toBe("");
    await hooks.getByRole("button", { name: "Send test" }).click();
    await hooks.getByText("Sending").waitFor();
    await jobs.drain();
    await page.reload();
    await hooks.getByText("Delivered").waitFor();
    expect(await page.content()).not.toContain(secret);
    const [request] = receiver.received;
    expect(
      verifySignature(
        secret,
        {
          signature: request?.headers["x-switchboard-signature"] as string,
          timestamp: request?.headers["x-switchboard-timestamp"] as string,
        },
        request?.body ?? "",
      ),
    ).toBe("ok");
    await page.getByRole("heading", { name: "Webhooks" }).scrollIntoViewIfNeeded();
    await screenshot(page, "crisis-webhooks", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("an agent merges a contact with another found by name, and the history shows both", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "mastodon",
      handle: "acme@social.example",
    });
    const { db } = app.services;
    const now = Date.now();
    const mention = (id: string, text: string, minutesAgo: number, author: InboundEvent["author"]): InboundEvent => ({
      accountId: account.id,
      network: "mastodon",
      kind: "mention",
      remoteId: id,
      text,
      createdAt: new Date(now - minutesAgo * 60_000),
      author,
    });
    await ingestBatch(
      db,
      [
        mention("jo-1", "@acme my refund from March still has not arrived", 90, {
          externalId: "jo@home.example",
          handle: "jo@home.example",
          displayName: "Jo Bloggs",
        }),
        mention("jo-2", "@acme writing from my work account: any news on the refund?", 30, {
          externalId: "jbloggs@work.example",
          handle: "jbloggs@work.example",
          displayName: "J. Bloggs (work)",
        }),
      ],
      { rules: compileRules([]) },
    );
    const latest = await db
      .selectFrom("inbox_messages")
      .select("conversation_id")
      .where("external_id", "=", "jo-2")
      .executeTakeFirstOrThrow();
    await page.goto(`${app.baseUrl}/inbox?conversation=${latest.conversation_id}`);
    const panel = page.getByRole("complementary", { name: "Contact" });
    await panel.getByText("J. Bloggs (work)").waitFor();
    await panel.getByText("None before this one.").waitFor();

    await panel.getByRole("button", { name: "Merge with…" }).click();
    const dialog = page.getByRole("dialog", { name: "Merge with J. Bloggs (work)" });
    await dialog.getByLabel("Find the other contact").fill("bloggs");
    const results = dialog.getByRole("list", { name: "Matching contacts" }).getByRole("button");
    await expect.poll(() => results.count()).toBe(1);
    await screenshot(page, "contact-merge-search", { fullPage: false });
    await results.first().click();
    await dialog.getByText("Merge Jo Bloggs into J. Bloggs (work)?").waitFor();
    await dialog.getByRole("button", { name: "Merge contacts" }).click();
    await dialog.waitFor({ state: "detached" });

    // The history now holds the other conversation, and both accounts are listed.
    await panel.getByRole("button", { name: /refund from March/ }).waitFor();
    await panel.getByText("jo@home.example", { exact: true }).waitFor();
    await panel.getByText("jbloggs@work.example", { exact: true }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.resolve(import.meta.dirname, "../../test-results/screenshots/contact-merged.png") });
    const audit = await callApi<{ events: { action: string }[] }>(page, app.baseUrl, "GET", "/api/audit?targetType=inbox_contact");
    expect(audit.events.map((e) => e.action)).toEqual(["inbox.contact.merged"]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
