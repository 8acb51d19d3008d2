import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Post } from "../../web/src/api/posts.js";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const X_CHANNEL = "X (Twitter) acmeair";

describe("the policy in the composer", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("shows findings live as the post is written, blocks an error, and lets an admin override with a reason", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await callApi(page, app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    await callApi(page, app.baseUrl, "PUT", "/api/policy/lexicon", { confidential: ["Project Falcon"] });

    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByRole("checkbox", { name: X_CHANNEL }).check();
    await page.getByLabel("Text", { exact: true }).fill("Project Falcon is here. BOOK NOW BEFORE IT IS GONE!!!");
    const findings = page.getByRole("list", { name: `Policy findings for ${X_CHANNEL}` });
    await findings.getByText("Project Falcon", { exact: true }).waitFor();
    await findings.getByText("Blocks").first().waitFor();
    expect(await findings.getByRole("listitem").count()).toBeGreaterThanOrEqual(3);
    // Marked in the preview too, with the reason on hover.
    await page.getByRole("figure", { name: "Preview on X (Twitter)" }).locator("mark.preview-mark-error").first().waitFor();
    await screenshot(page, "composer-policy-findings");

    // Fixing the text clears the finding, live.
    await page.getByLabel("Text", { exact: true }).fill("Our new route is here. Book now before it is gone!!!");
    await findings.getByText("Project Falcon", { exact: true }).waitFor({ state: "detached" });

    await page.getByLabel("Text", { exact: true }).fill("Project Falcon is here.");
    await page.getByLabel("Schedule").check();
    await page.getByLabel("Date").fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel("Time", { exact: true }).fill("10:00");
    await page.getByRole("button", { name: "Schedule post" }).click();
    await page.getByText("The policy stops this post", { exact: false }).waitFor();
    await page.getByLabel("Reason to override the policy").fill("Announced at this morning's press event");
    await screenshot(page, "composer-policy-override");
    await page.getByRole("button", { name: "Schedule post" }).click();
    await page.getByRole("status").getByText("Post scheduled").waitFor();
    const [post] = (await callApi<{ posts: Post[] }>(page, app.baseUrl, "GET", "/api/posts")).posts;
    const events = await callApi<{ events: { action: string; summary: string }[] }>(
      page,
      app.baseUrl,
      "GET",
      `/api/audit?targetId=${post?.id}`,
    );
    expect(events.events.find((e) => e.action === "post.policy_overridden")?.summary).toContain("press event");
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
