import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../web/src/api/kb.js";
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

const EMMA = { email: "emma@example.com", name: "Emma Employee", roles: ["employee"], password: "an employee who reads" };

const HOSTILE = [
  "Keep your kestrel cage locked.",
  "",
  "<script>window.__kbPwned = 'script'</script>",
  "",
  '<img src="/nope.png" onerror="window.__kbPwned = \'onerror\'">',
  "",
  "## After the scripts",
  "",
  "Nothing above may run.",
].join("\n");

describe("the knowledge base in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    await callApi(page, suite.app.baseUrl, "POST", "/api/users", EMMA);
    // One article with the word in its title, one with it only (and often) in its body.
    await callApi(page, suite.app.baseUrl, "POST", "/api/kb/articles", {
      title: "Osprey account handbook",
      body: "Who owns the account and how to ask for access.",
      visibility: "internal",
    });
    await callApi(page, suite.app.baseUrl, "POST", "/api/kb/articles", {
      title: "Field notes",
      body: "The osprey team, the osprey launch, osprey again: osprey osprey.",
      visibility: "internal",
    });
    await callApi(page, suite.app.baseUrl, "POST", "/api/kb/articles", {
      title: "Contact the press office",
      summary: "For journalists: who to call.",
      body: "## Phone\n\nCall the press office on weekdays.\n\n## Email\n\nWrite to press@example.com.",
      visibility: "public",
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("an editor writes an article with a script in it; a reader opens it and nothing runs", async () => {
    const { app, browser } = suite;
    const editor = await openPage(browser);
    await signInAsAdmin(editor, app.baseUrl);
    await mainNav(editor).getByRole("link", { name: "Knowledge base" }).click();
    await editor.getByRole("heading", { level: 1, name: "Knowledge base" }).waitFor();
    await editor.getByRole("heading", { name: "Network guides" }).waitFor();
    await screenshot(editor, "kb-home");

    await editor.getByRole("link", { name: "New article" }).click();
    await editor.getByLabel("Title").fill("Kestrel cage safety");
    await editor.getByLabel("Visibility").selectOption("internal");
    await editor.getByLabel("Text (Markdown)").fill(HOSTILE);
    // The preview is the server's rendering: the heading is there, the script is not.
    const preview = editor.getByRole("region", { name: "Preview" });
    await preview.getByRole("heading", { name: "After the scripts" }).waitFor();
    expect(await preview.locator("script").count()).toBe(0);
    await screenshot(editor, "kb-editor");
    await editor.getByRole("button", { name: "Create article" }).click();
    await editor.getByRole("heading", { level: 1, name: "Kestrel cage safety" }).waitFor();
    expect(editor.url()).toMatch(/\/kb\/kestrel-cage-safety$/);
    expect(await editor.evaluate(() => (window as { __kbPwned?: string }).__kbPwned)).toBeUndefined();

    const reader = await openPage(browser);
    await signInAs(reader, app.baseUrl, EMMA);
    await reader.goto(`${app.baseUrl}/kb/kestrel-cage-safety`);
    await reader.getByRole("heading", { level: 2, name: "After the scripts" }).waitFor();
    // Give an image error handler every chance to fire.
    await reader.waitForLoadState("networkidle");
    expect(await reader.evaluate(() => (window as { __kbPwned?: string }).__kbPwned)).toBeUndefined();
    expect(await reader.locator(".kb-article script, .kb-article [onerror]").count()).toBe(0);
    // A reader cannot edit.
    expect(await reader.getByRole("link", { name: "Edit" }).count()).toBe(0);

    await reader.getByRole("button", { name: "Yes" }).click();
    await reader.getByText("Thanks for letting us know.").waitFor();
    expect(await reader.getByRole("button", { name: "Yes" }).getAttribute("aria-pressed")).toBe("true");
    await screenshot(reader, "kb-article");
    expect(problemsOf(reader)).toEqual([]);
    expect(problemsOf(editor)).toEqual([]);
    await reader.context().close();
    await editor.context().close();
  });

  it("search ranks a title match above a body-only match and highlights the words", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, EMMA);
    await page.goto(`${app.baseUrl}/kb`);
    await page.getByLabel("Search articles").fill("osprey");
    const results = page.getByRole("region", { name: "Results" });
    await results.getByRole("link", { name: "Field notes" }).waitFor();
    const titles = await results.getByRole("heading", { level: 3 }).allTextContents();
    expect(titles.map((t) => t.trim()).slice(0, 2)).toEqual(["Osprey account handbook", "Field notes"]);
    expect(await results.locator("mark").first().textContent()).toMatch(/osprey/i);
    expect(page.url()).toContain("q=osprey");
    await screenshot(page, "kb-search");
    // Operators typed into the box are just words.
    await page.getByLabel("Search articles").fill('"osprey NEAR( OR *');
    await results.getByRole("link", { name: "Osprey account handbook" }).waitFor();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("the netiquette guide opens at the section a policy finding links to", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAs(page, app.baseUrl, EMMA);
    await page.goto(`${app.baseUrl}/kb/netiquette#sales-pitch`);
    const section = page.locator("#sales-pitch");
    await section.waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById("sales-pitch")?.getBoundingClientRect().top ?? 9999;
      return top >= 0 && top < 200;
    });
    expect(await section.textContent()).toBe("Sales pitch");
    await page.getByRole("navigation", { name: "In this article" }).getByRole("link", { name: "Answering complaints" }).waitFor();
    await screenshot(page, "kb-netiquette", { fullPage: false });
    await page.context().close();
  });

  it("an editor saves a new version, looks at the history and restores the first version", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/kb/osprey-account-handbook`);
    await page.getByRole("link", { name: "Edit" }).click();
    const body = page.getByLabel("Text (Markdown)");
    await body.waitFor();
    await body.fill("Everything changed: ask the social lead.");
    await page.getByLabel("What changed (optional)").fill("New owner");
    // Cancel with the text unsaved asks first; staying keeps it.
    await page.getByRole("link", { name: "Cancel" }).click();
    const leave = page.getByRole("dialog", { name: "Leave without saving?" });
    await leave.getByText("Your changes to this article are not saved.").waitFor();
    await leave.getByRole("button", { name: "Cancel" }).click();
    await leave.waitFor({ state: "detached" });
    expect(await body.inputValue()).toBe("Everything changed: ask the social lead.");
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.getByText("Everything changed: ask the social lead.").waitFor();

    await page.getByRole("link", { name: "History" }).click();
    await page.getByRole("heading", { level: 1, name: "History: Osprey account handbook" }).waitFor();
    await page.getByRole("cell", { name: "New owner" }).waitFor();
    await page.getByRole("button", { name: "View version 1" }).click();
    const old = page.getByRole("region", { name: /Version 1:/ });
    await old.getByText("Who owns the account and how to ask for access.").waitFor();
    await screenshot(page, "kb-history");
    await old.getByRole("button", { name: "Restore version 1" }).click();
    await page.getByRole("heading", { level: 1, name: "Osprey account handbook" }).waitFor();
    await page.getByText("Who owns the account and how to ask for access.").waitFor();
    await page.getByText("version 3", { exact: false }).waitFor();
    const article = await callApi<Article>(page, app.baseUrl, "GET", "/api/kb/articles/osprey-account-handbook");
    expect(article.version).toBe(3);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("a public article is readable without signing in, and the pages fit a phone", async () => {
    const { app, browser } = suite;
    const anonymous = await openPage(browser);
    await anonymous.goto(`${app.baseUrl}/help/contact-the-press-office`);
    await anonymous.getByRole("heading", { level: 1, name: "Contact the press office" }).waitFor();
    await anonymous.getByRole("heading", { level: 2, name: "Email" }).waitFor();
    await screenshot(anonymous, "kb-public");
    // Internal articles are not public.
    await anonymous.goto(`${app.baseUrl}/help/netiquette`);
    await anonymous.getByText("This article is not available").waitFor();
    expect(problemsOf(anonymous)).toEqual([]);
    await anonymous.context().close();

    const phone = await openPage(browser, PHONE);
    await signInAs(phone, app.baseUrl, EMMA);
    await phone.goto(`${app.baseUrl}/kb/netiquette`);
    await phone.getByRole("heading", { level: 1, name: "Netiquette guide" }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, "kb-article-phone", { fullPage: false });
    await phone.context().close();
  });
});
