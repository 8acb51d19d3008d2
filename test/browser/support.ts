import { mkdirSync } from "node:fs";
import path from "node:path";
import { type RunningApp, startRunningApp } from "../helpers/runningApp.js";
import { type Browser, launchBrowser, type Page } from "../servers/browser.js";

/**
 * Shared by the browser tests: the real server serving dist/web, Debian's
 * Chromium, a page per flow, and small helpers that act as a user would.
 */

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const ADMIN = { name: "Grace Hopper", email: "grace@example.com", password: "compiler-1952-flowmatic" };

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

export interface BrowserSuite {
  app: RunningApp;
  browser: Browser;
  close(): Promise<void>;
}

/** The app and a browser; with `withAdmin`, the first admin (ADMIN) already exists. */
export async function startBrowserSuite(options: { withAdmin?: boolean } = {}): Promise<BrowserSuite> {
  const app = await startRunningApp("sqlite");
  try {
    const browser = await launchBrowser();
    if (options.withAdmin) {
      const page = await openPage(browser);
      await setUpFirstAdminByApi(page, app);
      await page.context().close();
    }
    return {
      app,
      browser,
      async close() {
        await browser.close();
        await app.dispose();
      },
    };
  } catch (err) {
    await app.dispose();
    throw err;
  }
}

const pageProblems = new WeakMap<Page, string[]>();

/** A fresh browser context (its own cookies) that records script errors and CSP refusals. */
export async function openPage(browser: Browser, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "Europe/London", colorScheme: "light" });
  // Well under Vitest's test timeout, so a stuck step fails with the locator it waited for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  pageProblems.set(page, problems);
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (/content security policy|refused to (apply|execute|load)/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return page;
}

/** Script errors and CSP violations seen on the page so far (there should be none). */
export const problemsOf = (page: Page) => pageProblems.get(page) ?? [];

/** Saved to test-results/screenshots/<name>.png for people to look at; whole page unless `fullPage: false`. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

async function csrfToken(page: Page, baseUrl: string): Promise<string> {
  const find = async () => (await page.context().cookies(baseUrl)).find((c) => c.name === "sb_csrf")?.value;
  if (!(await find())) await page.request.get(`${baseUrl}/api/auth/csrf`);
  const token = await find();
  if (!token) throw new Error("the server set no sb_csrf cookie");
  return decodeURIComponent(token);
}

/** Calls the API with the page's cookies, as the web app would; for arranging what a test is not about. */
export async function callApi<T = unknown>(
  page: Page,
  baseUrl: string,
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  apiPath: string,
  data?: unknown,
): Promise<T> {
  const headers: Record<string, string> = method === "GET" ? {} : { "x-csrf-token": await csrfToken(page, baseUrl) };
  const response = await page.request.fetch(`${baseUrl}${apiPath}`, { method, headers, ...(data === undefined ? {} : { data }) });
  if (!response.ok()) throw new Error(`${method} ${apiPath} answered ${response.status()}: ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** First-run setup through the UI, from the link the server prints; ends signed in on Home. */
export async function setUpFirstAdminInUi(page: Page, app: RunningApp, admin = ADMIN): Promise<void> {
  await page.goto(await app.setupUrl());
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
}

/** First-run setup through the API (for tests about something else); the page's context is then signed in. */
export async function setUpFirstAdminByApi(page: Page, app: RunningApp, admin = ADMIN): Promise<void> {
  const token = new URL(await app.setupUrl()).hash.replace("#token=", "");
  await callApi(page, app.baseUrl, "POST", "/api/setup", { token, ...admin });
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the home page, so what follows runs signed in. */
export async function signInAs(page: Page, baseUrl: string, person: { email: string; name: string; password: string }): Promise<void> {
  await signIn(page, baseUrl, person.email, person.password);
  await page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` }).waitFor();
}

export const signInAsAdmin = (page: Page, baseUrl: string) => signInAs(page, baseUrl, ADMIN);

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
