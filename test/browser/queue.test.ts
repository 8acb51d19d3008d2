import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Post } from "../../web/src/api/posts.js";
import type { PostingQueue } from "../../web/src/api/queues.js";
import type { AccountDetail } from "../../web/src/api/types.js";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

describe("posting queues and repeating posts in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("sets up a channel's queue, then adds a weekly thread in a new campaign to its next free slot", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const x = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });

    await page.goto(`${app.baseUrl}/accounts/${x.id}`);
    const section = page.getByRole("region", { name: "Posting queue" });
    await section.getByText("No queue yet").waitFor();
    await section.getByRole("button", { name: "Set up a queue" }).click();
    const form = section.getByRole("form", { name: "Edit posting queue" });
    await form.getByLabel("Time zone of the queue").selectOption("Europe/Berlin");
    await form.getByLabel("Day", { exact: true }).selectOption({ label: "Tuesday" });
    await form.getByLabel("Time", { exact: true }).fill("09:00");
    await form.getByRole("button", { name: "Add slot" }).click();
    await form.getByLabel("Day", { exact: true }).selectOption({ label: "Thursday" });
    await form.getByLabel("Time", { exact: true }).fill("17:30");
    await form.getByRole("button", { name: "Add slot" }).click();
    await form.getByLabel("Day", { exact: true }).selectOption({ label: "Friday" });
    await form.getByRole("button", { name: "Add slot" }).click();
    await form.getByRole("button", { name: "Remove Friday 17:30" }).click();
    await screenshot(page, "queue-editing", { fullPage: false });
    await form.getByRole("button", { name: "Save queue" }).click();
    await page.getByRole("status").getByText("Posting queue saved").waitFor();
    const slots = section.getByRole("list", { name: "Queue slots" });
    expect(await slots.getByRole("listitem").allTextContents()).toEqual(["Tuesday 09:00", "Thursday 17:30"]);
    await section.getByText(/Next free slot:/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "queue-account", { fullPage: false });
    const queue = await callApi<PostingQueue>(page, app.baseUrl, "GET", `/api/accounts/${x.id}/queue`);

    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByLabel("Text", { exact: true }).fill("Weekly travel tip: pack light");
    await page.getByRole("checkbox", { name: "X (Twitter) acmeair" }).check();
    // A thread: a reply after the first part, shown in the channel's preview.
    await page.getByRole("button", { name: "Add a reply (thread)" }).click();
    await page.getByLabel("Reply 1 in the thread on X (Twitter) acmeair").fill("Tip: roll, don't fold.");
    await page.getByRole("figure", { name: "Preview on X (Twitter)" }).getByText("Tip: roll, don't fold.").waitFor();
    // A lead starts a campaign from the composer.
    await page.getByRole("button", { name: "New campaign" }).click();
    await page.getByLabel("New campaign name").fill("Travel tips");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await page.getByLabel("Campaign", { exact: true }).locator("option:checked", { hasText: "Travel tips" }).waitFor({ state: "attached" });
    await page.getByLabel("Next free queue slot").check();
    await page.getByLabel("Repeat").selectOption({ label: "Every week" });
    await page.getByLabel("Times in all").fill("4");
    await screenshot(page, "queue-composer");
    await page.getByRole("button", { name: "Add to queue" }).click();
    await page.getByRole("status").getByText("Post scheduled").waitFor();
    const [post] = (await callApi<{ posts: Post[] }>(page, app.baseUrl, "GET", "/api/posts")).posts;
    expect(post).toMatchObject({
      scheduledAt: queue.nextFreeSlot,
      status: "scheduled",
      repeat: { frequency: "weekly", count: 4 },
      occurrence: 1,
      campaign: { name: "Travel tips" },
      variants: [{ threadParts: ["Tip: roll, don't fold."] }],
    });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
