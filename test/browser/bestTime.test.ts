import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricsDb } from "../../server/analytics/metrics/tables.js";
import { instantToZonedTime, zonedTimeToInstant } from "../../shared/zonedTime.js";
import { type BrowserSuite, callApi, mainNav, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const DAY_MS = 86_400_000;
const BERLIN = "Europe/Berlin";
const CHANNEL = "Bluesky acme.bsky.social";

/** The instant of `weekday` (1 Monday … 7 Sunday) at `time` in Berlin, `weeksBack` weeks before this week's. */
function berlinSlot(weekday: number, time: string, weeksBack: number): string {
  const today = instantToZonedTime(new Date().toISOString(), BERLIN).date;
  const todayWeekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + (weekday - todayWeekday - 7 * weeksBack) * DAY_MS).toISOString().slice(0, 10);
  return zonedTimeToInstant({ date, time }, BERLIN)?.iso as string;
}

describe("best time to post and practice ratios", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("the composer offers the channel's best hour and a click sets the time; the analytics page shows the heat map and the ratios", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const account = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: "acme.bsky.social",
    });
    // Ten published posts with engagement, as the metrics collector stores it: Tuesday 09:00 in Berlin does best.
    const db = metricsDb(app.services.db);
    const seeded: [number, string, number][] = [
      [2, "09:00", 40],
      [2, "09:00", 50],
      [2, "09:00", 60],
      [2, "09:00", 45],
      [1, "20:00", 20],
      [1, "20:00", 25],
      [1, "20:00", 30],
      [4, "15:00", 10],
      [4, "15:00", 12],
      [4, "15:00", 8],
    ];
    for (const [i, [weekday, time, engagements]] of seeded.entries()) {
      const at = berlinSlot(weekday, time, 1 + (i % 3));
      const post = await callApi<{ id: string; variants: { id: string }[] }>(page, app.baseUrl, "POST", "/api/posts", {
        text: `Post ${i}`,
        timeZone: BERLIN,
        variants: [{ accountId: account.id }],
        ...(i === 0
          ? { campaignId: (await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/campaigns", { name: "Autumn" })).id }
          : {}),
      });
      const variantId = post.variants[0]?.id as string;
      await db.updateTable("post_variants").set({ status: "published", published_at: at }).where("id", "=", variantId).execute();
      const capturedAt = new Date(Date.parse(at) + DAY_MS).toISOString();
      await db
        .insertInto("metric_snapshots")
        .values({
          id: randomUUID(),
          account_id: account.id,
          network: "bluesky",
          variant_id: variantId,
          post_id: post.id,
          metric: "engagements",
          value: engagements,
          delta: engagements,
          captured_at: capturedAt,
          day: capturedAt.slice(0, 10),
        })
        .execute();
    }
    // Something to listen to last week: two mentions, one answered.
    const heard = berlinSlot(3, "10:00", 1);
    for (const [id, answered] of [
      ["c1", true],
      ["c2", false],
    ] as const) {
      await db
        .insertInto("inbox_conversations")
        .values({
          id,
          account_id: account.id,
          network: "bluesky",
          kind: "mention",
          thread_key: `mention:${id}`,
          subject: "Question",
          status: "open",
          priority: "normal",
          tags: "[]",
          message_count: answered ? 2 : 1,
          first_message_at: heard,
          last_message_at: heard,
          created_at: heard,
          updated_at: heard,
        })
        .execute();
      const message = (n: number, direction: string) => ({
        id: `${id}-${n}`,
        conversation_id: id,
        account_id: account.id,
        external_id: `${id}-${n}`,
        direction,
        text: "Hello",
        sent_at: heard,
        received_at: heard,
      });
      await db
        .insertInto("inbox_messages")
        .values(answered ? [message(0, "in"), message(1, "out")] : [message(0, "in")])
        .execute();
    }

    // The composer: choosing the channel and "Schedule" offers its best hours; a click fills date and time.
    await mainNav(page).getByRole("link", { name: "Publishing" }).click();
    await page.getByRole("link", { name: "New post" }).first().click();
    await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    await page.getByLabel("Text", { exact: true }).fill("Autumn timetable is out");
    await page.getByRole("checkbox", { name: CHANNEL }).check();
    await page.getByLabel("Schedule").check();
    const hint = page.getByRole("region", { name: /Best times to post/ });
    const best = hint.getByRole("button").first();
    await best.waitFor();
    expect(await hint.getByRole("button").count()).toBe(3);
    await best.click();
    // The next Tuesday 09:00 in Berlin, shown on the composer's own clock (the browser's: London).
    const now = Date.now();
    let next = berlinSlot(2, "09:00", 0);
    if (Date.parse(next) <= now + 10 * 60_000) next = berlinSlot(2, "09:00", -1);
    const expected = instantToZonedTime(next, await page.getByLabel("Time zone").inputValue());
    expect(await page.getByLabel("Date").inputValue()).toBe(expected.date);
    expect(await page.getByLabel("Time", { exact: true }).inputValue()).toBe(expected.time);
    expect(await best.getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "best-time-composer");

    // The analytics page: the channel's heat map and best hours, and the practice ratios week by week.
    await mainNav(page).getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    const bestTimes = page.getByRole("region", { name: "Best time to post" });
    await bestTimes.getByRole("listitem").filter({ hasText: "Tuesday 09:00" }).waitFor();
    await bestTimes.getByRole("table", { name: /Score per hour of the week/ }).waitFor();
    await bestTimes.getByRole("cell", { name: /Tuesday 09:00: 4 posts/ }).waitFor();
    const practice = page.getByRole("region", { name: "Talk, listen and answer" });
    await practice.getByRole("img").waitFor();
    const everyChannel = practice.getByRole("table", { name: "Every channel, whole period" });
    const row = everyChannel.getByRole("row", { name: /acme\.bsky\.social/ });
    await row.waitFor();
    // Ten posts, one in a campaign (10 %), one reply: talk-to-listen 10; two conversations, one answered (50 %).
    expect(await row.getByRole("cell").allInnerTexts()).toEqual(["10", "1", "1", "2", "10", "10\u00a0%", "2", "1", "50\u00a0%"]);
    await screenshot(page, "best-time-analytics");
    await practice.getByRole("table", { name: /Week by week/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "best-time-practice", { fullPage: false });
    await bestTimes.getByRole("table", { name: /Score per hour of the week/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "best-time-heat-map", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
  });
});
