import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToZonedTime } from "../../shared/zonedTime.js";
import type { Post } from "../../web/src/api/posts.js";
import type { AccountDetail } from "../../web/src/api/types.js";
import {
  type BrowserSuite,
  callApi,
  mainNav,
  openPage,
  problemsOf,
  screenshot,
  signInAs,
  signInAsAdmin,
  startBrowserSuite,
} from "./support.js";

const CARLA = { email: "carla@example.com", name: "Carla Contributor", roles: ["contributor"], password: "a contributor who drafts" };
const LENA = { email: "lena@example.com", name: "Lena Legal", roles: ["approver"], password: "legal reads every word" };
const X_CHANNEL = "X (Twitter) acmeair";
const TEXT = "Spring flights to Lisbon from 49 euros";

describe("approvals in the browser", () => {
  let suite: BrowserSuite;
  let x: AccountDetail;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    x = await callApi<AccountDetail>(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    const carla = await callApi<{ id: string }>(page, suite.app.baseUrl, "POST", "/api/users", CARLA);
    await callApi(page, suite.app.baseUrl, "POST", "/api/users", LENA);
    await callApi(page, suite.app.baseUrl, "PUT", `/api/accounts/${x.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: carla.id, permissions: ["draft", "publish"] }],
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("a lead sets a workflow, a contributor submits, the approver asks for changes, then approves", async () => {
    const { app, browser } = suite;
    const lead = await openPage(browser);
    await signInAsAdmin(lead, app.baseUrl);
    await mainNav(lead).getByRole("link", { name: "Publishing" }).click();
    await lead.getByRole("link", { name: "Approval workflows" }).click();
    await lead.getByRole("heading", { level: 1, name: "Approval workflows" }).waitFor();
    await lead.getByText("No approval workflows yet").waitFor();
    await lead.getByRole("button", { name: "New workflow" }).first().click();
    const dialog = lead.getByRole("dialog", { name: "New approval workflow" });
    await dialog.getByLabel("Workflow name").fill("Corporate X");
    await dialog.getByLabel("Channel").selectOption({ label: "X (Twitter) · acmeair" });
    await dialog.getByLabel("Approval needed this many minutes before the post goes out").fill("30");
    await dialog.getByLabel("Name", { exact: true }).fill("Legal");
    // Saving a step with nobody to approve it is caught before it reaches the server.
    await dialog.getByRole("button", { name: "Save workflow" }).click();
    await dialog.getByText("Step 1 needs at least one approver.").waitFor();
    await dialog.getByRole("checkbox", { name: "Lena Legal" }).check();
    await screenshot(lead, "approvals-workflow-dialog");
    await dialog.getByRole("button", { name: "Save workflow" }).click();
    await lead.getByRole("status").getByText("Saved workflow Corporate X").waitFor();
    const row = lead.getByRole("row", { name: /Corporate X/ });
    await row.getByText("X (Twitter) · acmeair").waitFor();
    await row.getByText("30 min before").waitFor();
    await screenshot(lead, "approvals-workflows");

    // Carla may publish to X, but the channel's workflow still needs Legal.
    const carla = await openPage(browser);
    await signInAs(carla, app.baseUrl, CARLA);
    await carla.goto(`${app.baseUrl}/publishing/new`);
    await carla.getByLabel("Text", { exact: true }).fill(TEXT);
    await carla.getByRole("checkbox", { name: X_CHANNEL }).check();
    await carla.getByLabel("Schedule").check();
    await carla.getByLabel("Time zone").selectOption("Europe/Lisbon");
    await carla.getByLabel("Date").fill(instantToZonedTime(new Date(Date.now() + 2 * 86_400_000).toISOString(), "Europe/Lisbon").date);
    await carla.getByLabel("Time", { exact: true }).fill("10:00");
    await carla.getByRole("button", { name: "Schedule post" }).click();
    await carla.getByRole("status").getByText("Sent for approval").waitFor();
    const posts = await callApi<{ posts: Post[] }>(carla, app.baseUrl, "GET", "/api/posts");
    const post = posts.posts[0];
    expect(post?.status).toBe("pending_approval");
    await carla.goto(`${app.baseUrl}/publishing/${post?.id}`);
    const panel = carla.getByRole("region", { name: "Approval" });
    await panel.getByText("Waiting for approval").waitFor();
    await panel.getByText("In turn").waitFor();
    // Nobody approves their own post: Carla gets no decision form.
    expect(await panel.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await screenshot(carla, "approvals-author-waiting");

    // Lena sees it waiting for her, reads it, and asks for a change.
    const lena = await openPage(browser);
    await signInAs(lena, app.baseUrl, LENA);
    await mainNav(lena).getByRole("link", { name: "Publishing" }).click();
    const waiting = lena.getByRole("region", { name: /Waiting for your approval/ });
    await waiting.getByRole("link", { name: TEXT }).click();
    await lena.getByRole("heading", { level: 1, name: "Post" }).waitFor();
    await lena.getByRole("region", { name: "The post" }).getByText(TEXT).waitFor();
    const lenaPanel = lena.getByRole("region", { name: "Approval" });
    await lenaPanel.getByRole("button", { name: "Request changes" }).click();
    await lenaPanel.getByText("Say what needs to change, so the author can fix it.").waitFor();
    await lenaPanel.getByLabel("Comment", { exact: true }).fill("Add 'one way, taxes included' after the price.");
    await screenshot(lena, "approvals-approver-deciding");
    await lenaPanel.getByRole("button", { name: "Request changes" }).click();
    await lena.getByRole("status").getByText("Sent back to the author").waitFor();
    await lenaPanel.getByText("Changes were requested", { exact: false }).waitFor();

    // Carla fixes it and schedules again; Lena approves with a comment.
    await carla.reload();
    await carla.getByText("Add 'one way, taxes included' after the price.").waitFor();
    await carla.getByLabel("Text", { exact: true }).fill(`${TEXT}, one way, taxes included`);
    await carla.getByLabel("Schedule").check();
    await carla.getByRole("button", { name: "Schedule post" }).click();
    await carla.getByRole("status").getByText("Sent for approval").waitFor();

    await lena.reload();
    await lenaPanel.getByText("Submission 2").waitFor();
    await lenaPanel.getByLabel("Comment", { exact: true }).fill("Good to go.");
    await lenaPanel.getByRole("button", { name: "Approve" }).click();
    await lena.getByRole("status").getByText("Approved: the post is scheduled").waitFor();
    await lenaPanel.getByText("✓ Approved by Lena Legal", { exact: false }).waitFor();
    await screenshot(lena, "approvals-approved", { fullPage: true });
    const approved = await callApi<Post>(lena, app.baseUrl, "GET", `/api/posts/${post?.id}`);
    expect(approved.status).toBe("scheduled");

    for (const page of [lead, carla, lena]) {
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    }
  });
});
