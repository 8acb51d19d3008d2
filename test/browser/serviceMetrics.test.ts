import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const at = (day: string, time: string) => `2026-03-${day}T${time}:00.000Z`;

/**
 * The analytics overview's service panel: times per team and agent, wall clock beside business hours, and
 * SLA attainment per clock. Clocks are seeded as rows on the "business-hours" calendar (Mon–Fri 09–17 UTC);
 * the server test (server/analytics/service.test.ts) checks every figure, this one what a lead sees.
 */
describe("service levels on the analytics overview", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("shows first-response times in wall-clock and business minutes, and SLA attainment per team, agent and queue, with CSV", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const agent = async (name: string) =>
      (
        await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/users", {
          email: `${name.toLowerCase()}@example.com`,
          name: `${name} Agent`,
          roles: ["agent"],
          password: "a long enough password",
        })
      ).id;
    const ann = await agent("Ann");
    const bob = await agent("Bob");
    const care = (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/teams", { name: "Care" })).id;
    const sales = (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/teams", { name: "Sales" })).id;
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.example",
    });
    const db = app.services.db;

    const conversation = async (team: string, assignee: string, start: string, reply: string, outcome: "met" | "missed") => {
      const id = randomUUID();
      await db
        .insertInto("inbox_conversations")
        .values({
          id,
          account_id: account.id,
          network: "bluesky",
          kind: "mention",
          thread_key: id,
          contact_id: null,
          subject: "A question",
          status: "open",
          priority: "normal",
          team_id: team,
          assignee_id: assignee,
          tags: "[]",
          suggested_reply_id: null,
          sentiment: null,
          intent: null,
          topic: null,
          message_count: 1,
          first_message_at: start,
          last_message_at: start,
          snoozed_until: null,
          created_at: start,
          updated_at: start,
          sla_policy_id: "standard",
        })
        .execute();
      for (const [direction, sentAt] of [
        ["in", start],
        ["out", reply],
      ] as [string, string][])
        await db
          .insertInto("inbox_messages")
          .values({
            id: randomUUID(),
            conversation_id: id,
            account_id: account.id,
            external_id: randomUUID(),
            direction,
            contact_id: null,
            author_user_id: null,
            text: "…",
            url: null,
            in_reply_to: null,
            sentiment: null,
            sentiment_confidence: null,
            intent: null,
            topic: null,
            sent_at: sentAt,
            received_at: sentAt,
          })
          .execute();
      await db
        .insertInto("inbox_sla_cycles")
        .values({
          id: randomUUID(),
          conversation_id: id,
          metric: "first_response",
          cycle: 1,
          policy_id: "standard",
          calendar_id: "business-hours",
          target_minutes: 240,
          warn_before_minutes: 60,
          segments: JSON.stringify([[start, reply]]),
          started_at: start,
          due_at: null,
          warn_at: null,
          warned_at: null,
          breached_at: null,
          stopped_at: reply,
          outcome,
        })
        .execute();
    };
    // Care: Friday 16:00 answered Monday 10:00 (66 h on the clock, 2 business hours: met);
    // Monday 09:00 answered Tuesday 09:00 (24 h, 8 business hours: missed).
    await conversation(care, ann, at("06", "16:00"), at("09", "10:00"), "met");
    await conversation(care, bob, at("09", "09:00"), at("10", "09:00"), "missed");
    // Sales: answered after 30 minutes (met).
    await conversation(sales, bob, at("11", "10:00"), at("11", "10:30"), "met");

    // Help desk, IT: filed Wednesday 10:00 and never answered: its first-response clock has breached (still open).
    const requestId = randomUUID();
    await db
      .insertInto("requests")
      .values({
        id: requestId,
        number: 1,
        type: "access",
        queue_id: "it",
        policy_id: "standard",
        subject: "Locked out",
        description: "",
        fields: "{}",
        status: "open",
        priority: "normal",
        requester_id: ann,
        assignee_id: bob,
        account_id: null,
        article_id: null,
        suggestion_session_id: null,
        approval: null,
        decided_by: null,
        decided_at: null,
        outcome: null,
        checklist: null,
        rating: null,
        rating_comment: null,
        rated_at: null,
        first_responded_at: null,
        resolved_at: null,
        closed_at: null,
        reopen_count: 0,
        created_at: at("11", "10:00"),
        updated_at: at("11", "10:00"),
      })
      .execute();
    await db
      .insertInto("request_sla_cycles")
      .values({
        id: randomUUID(),
        request_id: requestId,
        metric: "first_response",
        cycle: 1,
        calendar_id: "business-hours",
        target_minutes: 240,
        warn_before_minutes: 60,
        segments: JSON.stringify([[at("11", "10:00"), null]]),
        started_at: at("11", "10:00"),
        due_at: null,
        warn_at: null,
        warned_at: null,
        breached_at: null,
        stopped_at: null,
        outcome: null,
      })
      .execute();

    await page.goto(`${app.baseUrl}/analytics?from=2026-03-01&to=2026-03-31`);
    const panel = page.getByRole("region", { name: "Response times and SLA attainment" });
    const teams = panel.getByRole("table", { name: "Inbox by team" });
    await teams.waitFor();
    const row = (table: typeof teams, name: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    // Wall clock: median of 66 h and 24 h = 45 h; business hours: median of 2 h and 8 h = 5 h.
    await expect.poll(() => row(teams, "Care").innerText()).toMatch(/Care\s+2\s+2\s+100 %\s+45 h\s+5 h/);
    await panel.evaluate((el) => {
      el.scrollIntoView();
      window.scrollBy(0, -80);
    });
    await screenshot(page, "service-times", { fullPage: false });

    await panel.getByLabel("Show").selectOption("sla_first_response");
    await expect.poll(() => row(teams, "Care").innerText()).toMatch(/Care\s+1\s+1\s+0\s+0\s+50 %\s+0/);
    await expect.poll(() => row(teams, "Sales").innerText()).toMatch(/Sales\s+1\s+0\s+0\s+0\s+100 %\s+0/);
    const agents = panel.getByRole("table", { name: "Inbox by agent" });
    await expect.poll(() => row(agents, "Bob Agent").innerText()).toMatch(/Bob Agent\s+1\s+1\s+0\s+0\s+50 %/);
    const queues = panel.getByRole("table", { name: "Help desk by queue" });
    await expect.poll(() => row(queues, "IT").innerText()).toMatch(/IT\s+0\s+0\s+1\s+0\s+0 %\s+0/);
    await panel.getByText("Attainment = met ÷ (met + missed + breached, open)", { exact: false }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "Download Inbox by team as CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("inbox-teams-sla-first-response-2026-03-01-to-2026-03-31.csv");
    const csv = readFileSync((await download.path()) ?? "", "utf8").split("\r\n");
    expect(csv[0]).toBe('Team,Met,Missed,"Breached, open","Open, on time",Attainment %,No SLA');
    expect(csv.slice(1, 3)).toEqual(["Care,1,1,0,0,50,0", "Sales,1,0,0,0,100,0"]);
    await expect.poll(() => panel.getByRole("link", { name: "Reports" }).count()).toBe(1);
    await panel.evaluate((el) => {
      el.scrollIntoView();
      window.scrollBy(0, -80);
    });
    await screenshot(page, "service-sla-attainment", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
