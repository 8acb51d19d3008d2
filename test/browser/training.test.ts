import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToZonedTime } from "../../shared/zonedTime.js";
import type { AccountDetail } from "../../web/src/api/types.js";
import type { Course, Question } from "../../web/src/routes/training/trainingApi.js";
import type { Page } from "../servers/browser.js";
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

const CORA = { email: "cora@example.com", name: "Cora Contributor", roles: ["contributor"], password: "a contributor who learns" };
const X_CHANNEL = "X (Twitter) acmeair";

const HOSTILE = [
  "Read this before the quiz.",
  "",
  "<script>window.__trainingPwned = 'script'</script>",
  "",
  '<img src="/nope.png" onerror="window.__trainingPwned = \'onerror\'">',
  "",
  "## After the scripts",
  "",
  "Nothing above may run.",
].join("\n");

/** Answers every question of the quiz on the page: right, or (for `wrong`) a wrong option each time. */
async function answerQuiz(page: Page, bank: Question[], wrong: boolean) {
  const quiz = page.getByRole("form", { name: "Quiz" });
  await quiz.waitFor();
  const groups = quiz.getByRole("group");
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const legend = (await group.locator("legend").textContent()) ?? "";
    const question = bank.find((q) => legend.includes(q.prompt));
    if (!question) throw new Error(`unknown question: ${legend}`);
    const pick = wrong ? question.options.filter((o) => !o.correct).slice(0, 1) : question.options.filter((o) => o.correct);
    for (const option of pick) await group.getByLabel(option.text, { exact: true }).check();
  }
  await quiz.getByRole("button", { name: "Submit answers" }).click();
}

describe("training in the browser", () => {
  let suite: BrowserSuite;
  const banks = new Map<string, Question[]>();
  const courseIds = new Map<string, string>();
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    const { baseUrl } = suite.app;
    await signInAsAdmin(page, baseUrl);
    const cora = await callApi<{ id: string }>(page, baseUrl, "POST", "/api/users", CORA);
    const x = await callApi<AccountDetail>(page, baseUrl, "POST", "/api/accounts", { network: "x", handle: "acmeair" });
    await callApi(page, baseUrl, "PUT", `/api/accounts/${x.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: cora.id, permissions: ["publish"] }],
    });
    const { courses } = await callApi<{ courses: Course[] }>(page, baseUrl, "GET", "/api/training/courses");
    for (const c of courses) {
      courseIds.set(c.title, c.id);
      banks.set(
        c.title,
        (await callApi<{ questions: Question[] }>(page, baseUrl, "GET", `/api/training/courses/${c.id}/questions`)).questions,
      );
    }
    // A lesson someone stored with a script in it.
    await callApi(page, baseUrl, "POST", `/api/training/courses/${courseIds.get("Netiquette basics")}/lessons`, {
      title: "Before the quiz",
      body: HOSTILE,
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("an admin requires the starter courses for publishing; an employee fails once, waits, passes and then publishes", async () => {
    const { app, browser } = suite;
    const admin = await openPage(browser);
    await signInAsAdmin(admin, app.baseUrl);
    await admin.goto(`${app.baseUrl}/training/requirements`);
    await admin.getByRole("heading", { level: 1, name: "Training requirements" }).waitFor();
    await admin.getByText("Nothing is required").waitFor();
    await admin.getByRole("button", { name: "Require the starter courses for publishing" }).click();
    const inForce = admin.getByRole("region", { name: "In force" });
    await inForce.getByText(/posts\.write .* needs “Brand voice” and “Netiquette basics”/).waitFor();
    await screenshot(admin, "training-requirements");

    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, CORA);
    // Publishing is held back until the courses are passed.
    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByText(/You do not have permission/).waitFor();

    await mainNav(page).getByRole("link", { name: "Training" }).click();
    await page.getByRole("heading", { level: 1, name: "My training" }).waitFor();
    await page.getByText(/To compose, schedule and publish posts: Brand voice, Netiquette basics/).waitFor();
    await screenshot(page, "training-my-training");

    // The notice links to each course it names.
    await page.getByRole("status").getByRole("link", { name: "Netiquette basics" }).click();
    await page.getByRole("heading", { level: 1, name: "Netiquette basics" }).waitFor();
    // The stored script never runs, and never reaches the page.
    await page.getByRole("heading", { level: 2, name: "After the scripts" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as { __trainingPwned?: string }).__trainingPwned)).toBeUndefined();
    expect(await page.locator(".kb-article script, .kb-article [onerror]").count()).toBe(0);
    // The lessons link to the netiquette guide's sections.
    expect(await page.getByRole("link", { name: "Answering complaints" }).getAttribute("href")).toBe("/kb/netiquette#answering-complaints");
    await page.getByRole("button", { name: "Mark as read" }).first().click();
    await page.getByText("1 of 4 lessons read").waitFor();

    const bank = banks.get("Netiquette basics") ?? [];
    await page.getByRole("button", { name: "Take the quiz" }).click();
    await screenshot(page, "training-quiz");
    await answerQuiz(page, bank, true);
    await page.getByText(/Not this time: 0 of 5 right/).waitFor();
    await page
      .getByText(/You can try again from/)
      .first()
      .waitFor();
    expect(await page.getByRole("button", { name: "Take the quiz" }).count()).toBe(0);
    await screenshot(page, "training-quiz-failed");
    // Coming back later, the wait is still there: it is the server's rule, not the page's.
    await page.reload();
    await page.getByText(/Review the lessons first: you can try again from/).waitFor();
    expect(await page.getByRole("button", { name: "Take the quiz" }).count()).toBe(0);

    // Ten minutes pass.
    await app.services.db
      .updateTable("training_attempts")
      .set({ submitted_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where("submitted_at", "is not", null)
      .execute();
    await page.reload();
    await page.getByRole("button", { name: "Take the quiz" }).click();
    await answerQuiz(page, bank, false);
    await page.getByText(/You passed: 5 of 5 right/).waitFor();
    await page
      .getByText(/Certified until/)
      .first()
      .waitFor();
    await screenshot(page, "training-quiz-passed");

    await page.goto(`${app.baseUrl}/training/courses/${courseIds.get("Brand voice")}`);
    await page.getByRole("button", { name: "Take the quiz" }).click();
    await answerQuiz(page, banks.get("Brand voice") ?? [], false);
    await page.getByText(/You passed/).waitFor();

    await mainNav(page).getByRole("link", { name: "Training" }).click();
    await page.getByRole("heading", { level: 1, name: "My training" }).waitFor();
    expect(await page.getByText(/Complete these to unlock/).count()).toBe(0);
    expect(await page.getByText(/Certified until/).count()).toBe(2);
    await screenshot(page, "training-certified");

    // Now the composer opens and the post is scheduled on the corporate account.
    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    await page.getByLabel("Text", { exact: true }).fill("What did we miss in our spring timetable? Tell us below.");
    await page.getByRole("checkbox", { name: X_CHANNEL }).check();
    await page.getByLabel("Schedule").check();
    const tomorrow = instantToZonedTime(new Date(Date.now() + 86_400_000).toISOString(), "Europe/London").date;
    await page.getByLabel("Time zone").selectOption("Europe/London");
    await page.getByLabel("Date").fill(tomorrow);
    await page.getByLabel("Time", { exact: true }).fill("09:00");
    await page.getByRole("button", { name: "Schedule post" }).click();
    await page.getByRole("status").getByText("Post scheduled").waitFor();
    expect(problemsOf(page)).toEqual([]);
    expect(problemsOf(admin)).toEqual([]);
    await page.context().close();
    await admin.context().close();
  });

  it("a training manager edits the quiz in the builder", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/training/manage/${courseIds.get("Brand voice")}`);
    await page.getByRole("heading", { level: 1, name: "Edit “Brand voice”" }).waitFor();
    const bank = page.getByRole("region", { name: /Question bank/ });
    await bank.getByText("(10)").waitFor();
    const add = page.getByRole("form", { name: "New question" });
    await add.getByLabel("Question").fill("Which hashtag count suits a post?");
    await add.getByLabel("Answer 1", { exact: true }).fill("One or two");
    await add.getByLabel("Answer 2", { exact: true }).fill("Twelve");
    await add.getByRole("button", { name: "Add question" }).click();
    await bank.getByText("(11)").waitFor();
    const learners = page.getByRole("region", { name: "Learners" });
    await learners.getByText("cora@example.com").waitFor();
    await screenshot(page, "training-builder");
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
