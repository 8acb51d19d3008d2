import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToZonedTime, zonedTimeToInstant } from "../../shared/zonedTime.js";
import type { Post } from "../../web/src/api/posts.js";
import type { AccountDetail } from "../../web/src/api/types.js";
import type { Page } from "../servers/browser.js";
import {
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  PHONE,
  problemsOf,
  screenshot,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

const X_CHANNEL = "X (Twitter) acmeair";
const BLUESKY_CHANNEL = "Bluesky acme.bsky.social";
const LINK = "https://example.com/offers/spring-2026/lisbon-and-porto?utm_source=switchboard&utm_medium=social";
const POST_TEXT = `Spring flights to Lisbon ${LINK}`;

/** The date `days` from now on a Berlin wall calendar. */
const berlinDate = (days: number) => instantToZonedTime(new Date(Date.now() + days * 86_400_000).toISOString(), "Europe/Berlin").date;

const postRows = (page: Page) =>
  page
    .getByRole("table", { name: "Posts" })
    .getByRole("row")
    .filter({ has: page.getByRole("link") });

describe("publishing in the browser", () => {
  let suite: BrowserSuite;
  let x: AccountDetail;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    x = await callApi<AccountDetail>(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    await callApi(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "bluesky", handle: "acme.bsky.social" });
    // Recorded only: Switchboard cannot publish to MySpace, so it is no channel.
    await callApi(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "myspace", handle: "acme1999" });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("composes with live counts per channel, schedules in another time zone, edits, and reports an edit conflict", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);

    await mainNav(page).getByRole("link", { name: "Publishing" }).click();
    await page.getByRole("heading", { level: 1, name: "Publishing" }).waitFor();
    await page.getByText("No posts yet").waitFor();
    await screenshot(page, "publishing-empty");

    await page.getByRole("link", { name: "New post" }).first().click();
    await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    expect(await page.getByRole("checkbox", { name: /MySpace/ }).count()).toBe(0);
    await page.getByLabel("Text", { exact: true }).fill(POST_TEXT);
    await page.getByRole("checkbox", { name: X_CHANNEL }).check();
    await page.getByRole("checkbox", { name: BLUESKY_CHANNEL }).check();

    // X counts any link as 23 characters; the count comes from the server.
    const xChannel = page.getByRole("region", { name: X_CHANNEL });
    const bluesky = page.getByRole("region", { name: BLUESKY_CHANNEL });
    const expectedX = "Spring flights to Lisbon ".length + 23;
    await xChannel.getByText(`${expectedX} / 280`).waitFor();
    await bluesky.getByText(/^\d+ \/ 300$/).waitFor();

    // Too long for Bluesky: the counter turns red with the exact count and the problem shows.
    await bluesky.getByRole("checkbox", { name: "Adjust for this channel" }).check();
    const blueskyText = bluesky.getByLabel(`Text for ${BLUESKY_CHANNEL}`);
    expect(await blueskyText.inputValue()).toBe(POST_TEXT);
    await blueskyText.fill(`${"Lisbon in spring. ".repeat(17)}🦋🦋🦋`);
    const tooLong = bluesky.locator(".length-counter.text-bad");
    await tooLong.getByText("309 / 300").waitFor();
    await bluesky.getByRole("listitem").first().waitFor();
    expect(await xChannel.locator(".length-counter.text-bad").count()).toBe(0);
    await screenshot(page, "publishing-composer-too-long");

    await blueskyText.fill("Lisbon in spring 🦋 fares from €49");
    await bluesky.getByText("33 / 300").waitFor();
    expect(await tooLong.count()).toBe(0);

    // A time in the past is refused by the server, next to the date.
    await page.getByLabel("Schedule").check();
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByLabel("Date").fill(berlinDate(-1));
    await page.getByLabel("Time", { exact: true }).fill("09:00");
    await page.getByRole("button", { name: "Schedule post" }).click();
    await page
      .getByText(/is in the past/)
      .first()
      .waitFor();
    expect(await page.getByLabel("Date").getAttribute("aria-invalid")).toBe("true");

    // Tomorrow 09:00 in Berlin, which the viewer (in London) sees as 08:00.
    const date = berlinDate(1);
    await page.getByLabel("Date").fill(date);
    await page.getByLabel("Tags").fill("spring, lisbon");
    await page.getByText(/Goes out .* 09:00 CET, .* 08:00 GMT your time\./).waitFor();
    await screenshot(page, "publishing-composer");
    // Asked twice in the same moment (Enter and a click), it is scheduled once.
    await page.getByRole("button", { name: "Schedule post" }).evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await page.getByRole("status").getByText("Post scheduled").waitFor();
    await page.getByRole("heading", { level: 1, name: "Publishing" }).waitFor();

    const row = postRows(page).filter({ hasText: "Spring flights to Lisbon" });
    await row.getByText("Scheduled", { exact: true }).waitFor();
    await row.getByText(/09:00 CET/).waitFor();
    await row.getByText("(Europe/Berlin)").waitFor();
    await row.getByText(/Your time: .* 08:00 GMT/).waitFor();
    await row.getByText("acmeair").waitFor();
    await row.getByText("acme.bsky.social").waitFor();
    await row.getByText("Grace Hopper").waitFor();
    await screenshot(page, "publishing-list");

    const { posts } = await callApi<{ posts: Post[] }>(page, app.baseUrl, "GET", "/api/posts");
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post?.scheduledAt).toBe(zonedTimeToInstant({ date, time: "09:00" }, "Europe/Berlin")?.iso);
    expect(post?.timeZone).toBe("Europe/Berlin");
    expect(post?.tags).toEqual(["spring", "lisbon"]);
    expect(post?.variants.map((v) => [v.handle, v.ownText]).sort()).toEqual([
      ["acme.bsky.social", true],
      ["acmeair", false],
    ]);

    // Filters: by status and by channel.
    await page.getByLabel("Status").selectOption({ label: "Draft" });
    await page.getByText("No posts match these filters").waitFor();
    await page.getByLabel("Status").selectOption({ label: "Scheduled" });
    await page.getByLabel("Channel").selectOption(x.id);
    await expect.poll(() => postRows(page).count()).toBe(1);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Channel").selectOption("");

    // Two tabs open the same post; the first saves, the second is told.
    await row.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Edit post" }).waitFor();
    const editUrl = page.url();
    const other = await openPage(browser);
    await signInAsAdmin(other, app.baseUrl);
    await other.goto(editUrl);
    await other.getByRole("heading", { level: 1, name: "Edit post" }).waitFor();
    expect(await other.getByLabel("Time zone").inputValue()).toBe("Europe/Berlin");
    expect(await other.getByLabel("Time", { exact: true }).inputValue()).toBe("09:00");

    await page.getByLabel("Tags").fill("spring, lisbon, fares");
    await page.getByRole("button", { name: "Schedule post" }).click();
    await page.getByRole("status").getByText("Changes saved").waitFor();
    await postRows(page).getByText("fares").waitFor();

    await other.getByLabel("Text", { exact: true }).fill("Spring flights to Porto");
    await other.getByRole("button", { name: "Schedule post" }).click();
    await other.getByRole("alert").getByText("Someone changed this post after you opened it").waitFor();
    await screenshot(other, "publishing-conflict");
    await other.getByRole("button", { name: "Reload" }).click();
    await expect.poll(() => other.getByLabel("Tags").inputValue()).toBe("spring, lisbon, fares");
    expect(await other.getByLabel("Text", { exact: true }).inputValue()).toBe(POST_TEXT);

    // Delete, with a confirmation.
    await other.getByRole("button", { name: "Delete" }).click();
    const confirm = other.getByRole("dialog", { name: "Delete this post?" });
    await confirm.getByRole("button", { name: "Delete post" }).click();
    await other.getByRole("status").getByText("Post deleted").waitFor();
    await other.getByText("No posts yet").waitFor();

    expect(problemsOf(page)).toEqual([]);
    expect(problemsOf(other)).toEqual([]);
  });

  it("fits the composer and the list on a phone", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    await page.getByLabel("Text", { exact: true }).fill(POST_TEXT);
    await page.getByRole("checkbox", { name: X_CHANNEL }).check();
    await page
      .getByRole("region", { name: X_CHANNEL })
      .getByText(/ \/ 280$/)
      .waitFor();
    await page.getByLabel("Schedule").check();
    await screenshot(page, "publishing-composer-phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await page.getByLabel("Save as draft").check();
    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByRole("status").getByText("Draft saved").waitFor();
    await page.getByRole("table", { name: "Posts" }).getByText("Draft", { exact: true }).waitFor();
    await screenshot(page, "publishing-list-phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    expect(problemsOf(page)).toEqual([]);
  });
});
