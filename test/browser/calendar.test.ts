import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToZonedTime, zonedTimeToInstant } from "../../shared/zonedTime.js";
import type { Post } from "../../web/src/api/posts.js";
import type { AccountDetail } from "../../web/src/api/types.js";
import { addDays, startOfWeek } from "../../web/src/routes/publishing/calendar/calendarDates.js";
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

/** The browser runs in London (support.ts): the calendar shows London time. */
const LONDON = "Europe/London";
const london = (date: string, time: string) => zonedTimeToInstant({ date, time }, LONDON)?.iso ?? "";

/** Next week's Monday in London: every slot of that week is still to come, whatever day the test runs. */
const today = instantToZonedTime(new Date().toISOString(), LONDON).date;
const monday = startOfWeek(addDays(today, 7));
const tuesday = addDays(monday, 1);
const wednesday = addDays(monday, 2);
const thursday = addDays(monday, 3);
const friday = addDays(monday, 4);
const saturday = addDays(monday, 5);

const card = (page: Page, post: Post) => page.locator(`[data-post-id="${post.id}"]`);
const slot = (page: Page, date: string, hour: number) => page.locator(`[data-slot="${date}T${hour}"]`);
const monthDay = (page: Page, date: string) => page.locator(".cal-day", { has: page.locator(`time[datetime="${date}"]`) });
type Locator = ReturnType<Page["locator"]>;

/** A drag as a person makes it: press on the post, move a little (so the browser starts dragging), move to the target, release. */
async function drag(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error("the post is not on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + 20, { steps: 4 });
  const to = await target.boundingBox();
  if (!to) throw new Error("the target is not on screen");
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the publishing calendar in the browser", () => {
  let suite: BrowserSuite;
  let sale: Post;
  let hangar: Post;
  let timetable: Post;
  let fares: Post;
  let bluesky: AccountDetail;

  const fetchPost = async (page: Page, post: Post) => callApi<Post>(page, suite.app.baseUrl, "GET", `/api/posts/${post.id}`);

  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const { app } = suite;
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, app.baseUrl);
    const x = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    bluesky = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", { network: "bluesky", handle: "acme.bsky.social" });
    const spring = await callApi<{ id: string }>(page, app.baseUrl, "POST", "/api/campaigns", { name: "Spring sale" });
    const compose = (text: string, scheduledAt: string, accounts: AccountDetail[], extra: Record<string, unknown> = {}) =>
      callApi<Post>(page, app.baseUrl, "POST", "/api/posts", {
        text,
        timeZone: LONDON,
        scheduledAt,
        variants: accounts.map((a) => ({ accountId: a.id })),
        ...extra,
      });
    sale = await compose("Spring sale opens at nine", london(monday, "09:00"), [x, bluesky], { campaignId: spring.id });
    // Scheduled in Berlin for 13:00 there: 12:00 in London.
    hangar = await compose(
      "Behind the scenes at the Lisbon hangar",
      zonedTimeToInstant({ date: wednesday, time: "13:00" }, "Europe/Berlin")?.iso ?? "",
      [bluesky],
      {
        timeZone: "Europe/Berlin",
      },
    );
    timetable = await compose("Winter timetable is live", london(tuesday, "10:00"), [x]);
    fares = await compose("Fares to Porto from €49", london(thursday, "08:00"), [x]);
    // Gone out already: it stays where it is.
    await app.database.db.updateTable("posts").set({ status: "published" }).where("id", "=", timetable.id).execute();
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("shows next week's posts by status and channel, reschedules by dragging in the week and the month, and filters", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await mainNav(page).getByRole("link", { name: "Publishing" }).click();
    await page.getByRole("link", { name: "Calendar" }).click();
    await page.getByRole("heading", { level: 1, name: "Calendar" }).waitFor();
    expect(await page.getByRole("button", { name: "Week", exact: true }).getAttribute("aria-pressed")).toBe("true");

    await page.getByRole("button", { name: "Next week" }).click();
    await card(page, sale).waitFor();
    expect(new URL(page.url()).searchParams.get("date")).toBe(monday);
    // Each post sits in its hour, in London time, with its channels.
    await slot(page, monday, 9).getByText("Spring sale opens at nine").waitFor();
    expect(
      await card(page, sale)
        .locator(".network-icon")
        .evaluateAll((icons) => icons.map((i) => i.getAttribute("data-network"))),
    ).toEqual(["bluesky", "x"]);
    await card(page, sale).getByText("acmeair").waitFor();
    // A post scheduled in Berlin shows London time and its own.
    const hangarCard = slot(page, wednesday, 12).locator(`[data-post-id="${hangar.id}"]`);
    await hangarCard.getByText("12:00", { exact: true }).waitFor();
    await hangarCard.getByText("13:00 Berlin").waitFor();
    // A published post says so and cannot be moved.
    const timetableCard = slot(page, tuesday, 10).locator(`[data-post-id="${timetable.id}"]`);
    await timetableCard.getByText("Published").waitFor();
    expect(await timetableCard.getAttribute("draggable")).toBe("false");
    expect(await timetableCard.getByRole("button", { name: /Move/ }).count()).toBe(0);
    expect(await card(page, sale).getAttribute("draggable")).toBe("true");
    await screenshot(page, "calendar-week");

    // Drag to Tuesday 11:00.
    await drag(page, card(page, sale), slot(page, tuesday, 11));
    await page
      .getByRole("status")
      .getByText(/Moved to/)
      .waitFor();
    await slot(page, tuesday, 11).locator(`[data-post-id="${sale.id}"]`).waitFor();
    await expect.poll(async () => (await fetchPost(page, sale)).scheduledAt).toBe(london(tuesday, "11:00"));

    // The month keeps each post's time of day when it moves to another day.
    await page.getByRole("button", { name: "Month", exact: true }).click();
    await monthDay(page, tuesday).locator(`[data-post-id="${sale.id}"]`).waitFor();
    await monthDay(page, wednesday).getByText("Behind the scenes at the Lisbon hangar").waitFor();
    await screenshot(page, "calendar-month");
    await drag(page, card(page, sale), monthDay(page, friday));
    await monthDay(page, friday).locator(`[data-post-id="${sale.id}"]`).waitFor();
    await expect.poll(async () => (await fetchPost(page, sale)).scheduledAt).toBe(london(friday, "11:00"));
    expect((await fetchPost(page, sale)).version).toBe(3);

    // Filters: a campaign, then a channel.
    await page.getByLabel("Campaign").selectOption({ label: "Spring sale" });
    await expect.poll(() => page.locator(".cal-post").count()).toBe(1);
    await card(page, sale).waitFor();
    await page.getByLabel("Campaign").selectOption("");
    await page.getByLabel("Channel").selectOption(bluesky.id);
    await expect.poll(() => page.locator(".cal-post").count()).toBe(2);
    expect(await card(page, timetable).count()).toBe(0);
    await page.getByLabel("Channel").selectOption("");
    await expect.poll(() => page.locator(".cal-post").count()).toBe(4);

    // Previous, next and today move by months here.
    const title = page.locator(".cal-title");
    const shown = await title.textContent();
    await page.getByRole("button", { name: "Next month" }).click();
    await expect.poll(() => title.textContent()).not.toBe(shown);
    await page.getByRole("button", { name: "Previous month" }).click();
    await expect.poll(() => title.textContent()).toBe(shown);
    await page.getByRole("button", { name: "Today" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("date")).toBe(null);
    await page.goBack();
    await card(page, hangar).waitFor();

    // A post opens in the composer.
    await card(page, hangar).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Edit post" }).waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/publishing/${hangar.id}`);
    expect(problemsOf(page)).toEqual([]);
  });

  it("moves a post from the keyboard, reports a conflicting edit, and refuses a time that has passed", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/publishing/calendar?view=week&date=${monday}`);
    const faresCard = card(page, fares);
    await faresCard.waitFor();

    // Keyboard: Tab from the post's link to its Move button, then fill the dialog.
    await faresCard.getByRole("link").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Move");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Move post" });
    expect(await dialog.getByLabel("Date").inputValue()).toBe(thursday);
    expect(await dialog.getByLabel("Time").inputValue()).toBe("08:00");
    await dialog.getByLabel("Date").fill(saturday);
    await dialog.getByLabel("Time").fill("11:30");
    await screenshot(page, "calendar-move-dialog", { fullPage: false });
    await dialog.getByLabel("Time").press("Enter");
    await slot(page, saturday, 11).locator(`[data-post-id="${fares.id}"]`).waitFor();
    await expect.poll(async () => (await fetchPost(page, fares)).scheduledAt).toBe(london(saturday, "11:30"));
    // Focus follows the post to its new place.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest("[data-post-id]")?.getAttribute("data-post-id")))
      .toBe(fares.id);

    // Someone else edits the post; this calendar still has the old version.
    const current = await fetchPost(page, fares);
    await callApi(page, app.baseUrl, "PATCH", `/api/posts/${fares.id}`, { text: "Fares to Porto from €39", version: current.version });
    await drag(page, card(page, fares), slot(page, friday, 12));
    const alert = page.getByRole("alert");
    await alert.getByText("Someone else changed this post").waitFor();
    // The calendar shows the latest version, where it was.
    await slot(page, saturday, 11).getByText("Fares to Porto from €39").waitFor();
    expect((await fetchPost(page, fares)).scheduledAt).toBe(london(saturday, "11:30"));
    await screenshot(page, "calendar-conflict");
    await alert.getByRole("button", { name: "Dismiss" }).click();

    // Later that week (as the browser's clock has it), Monday has passed: a drop there is refused.
    await page.clock.setFixedTime(new Date(london(wednesday, "12:30")));
    await page.reload();
    await card(page, fares).waitFor();
    await drag(page, card(page, fares), slot(page, monday, 10));
    await page.getByRole("alert").getByText("That time has already passed").waitFor();
    await page
      .getByRole("alert")
      .getByText(/is in the past/)
      .waitFor();
    await screenshot(page, "calendar-past");
    expect((await fetchPost(page, fares)).scheduledAt).toBe(london(saturday, "11:30"));
    // The keyboard way refuses it too, in the dialog.
    await card(page, fares).getByRole("button", { name: /Move/ }).click();
    await page.getByRole("dialog", { name: "Move post" }).getByLabel("Date").fill(tuesday);
    await page.getByRole("dialog", { name: "Move post" }).getByRole("button", { name: "Move post" }).click();
    await page
      .getByRole("dialog", { name: "Move post" })
      .getByText(/is in the past/)
      .waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("stacks the days in a list on a phone, where posts move with their Move button", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser, PHONE);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/publishing/calendar?view=week&date=${monday}`);
    await card(page, hangar).waitFor();
    // All seven days, one under the other.
    expect(await page.locator(".cal-list-day").count()).toBe(7);
    expect(await page.locator(".cal-week").count()).toBe(0);
    expect(await noHorizontalScroll(page)).toBe(true);
    await screenshot(page, "calendar-week-phone");

    await card(page, hangar).getByRole("button", { name: /Move/ }).click();
    const dialog = page.getByRole("dialog", { name: "Move post" });
    // Berlin's 13:00 is London's 12:00; the dialog says both.
    await dialog.getByText(/in Europe\/Berlin, the post’s own zone/).waitFor();
    await dialog.getByLabel("Date").fill(thursday);
    await dialog.getByRole("button", { name: "Move post" }).click();
    await page
      .locator(".cal-list-day", { has: page.locator(`time[datetime="${thursday}"]`) })
      .locator(`[data-post-id="${hangar.id}"]`)
      .waitFor();
    await expect
      .poll(async () => (await fetchPost(page, hangar)).scheduledAt)
      .toBe(zonedTimeToInstant({ date: thursday, time: "13:00" }, "Europe/Berlin")?.iso);

    await page.getByRole("button", { name: "Month", exact: true }).click();
    await page.locator(".cal-list-day").first().waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await screenshot(page, "calendar-month-phone");
    expect(problemsOf(page)).toEqual([]);
  });
});
