import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkRuntimeOf } from "../../server/links/runtime.js";
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

const LENA = { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "a lead who curates posts" };
const EMMA = { email: "emma@example.com", name: "Emma Employee", roles: ["employee"], password: "an employee who shares" };
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const SUGGESTED = "We just opened our Lisbon office: a rooftop, a library and room for sixty. Come and say hello! #AcmeEmployee";

describe("employee advocacy in the browser", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    for (const person of [LENA, EMMA]) await callApi(page, suite.app.baseUrl, "POST", "/api/users", person);
    await page.context().close();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  it("a lead curates an item; an employee is blocked without the disclosure, shares through X's intent, and the click counts for that share", async () => {
    const { app, browser } = suite;

    // The lead curates an item.
    const lead = await openPage(browser);
    await signInAs(lead, app.baseUrl, LENA);
    await mainNav(lead).getByRole("link", { name: "Content to share" }).click();
    await lead.getByText("Nothing to share right now").waitFor();
    await lead.getByRole("link", { name: "Curate content" }).click();
    const form = lead.getByRole("form", { name: "Curate item" });
    await form.getByLabel("Title").fill("Our new Lisbon office");
    await form.getByLabel("Suggested text", { exact: true }).fill(SUGGESTED.replace(" #AcmeEmployee", ""));
    await form.getByLabel("Page to link to").fill("https://acme.example/lisbon");
    await form.getByLabel("Disclosure").fill("#AcmeEmployee");
    await form.getByLabel("Topics").fill("Offices, Hiring");
    await form.getByLabel("Mastodon").uncheck();
    // A suggested text without the disclosure is refused, with the finding.
    await form.getByRole("button", { name: "Curate item" }).click();
    await form
      .getByRole("list", { name: "Why the suggested text was refused" })
      .getByText("Add #AcmeEmployee to the text itself")
      .waitFor();
    await form.getByLabel("Suggested text", { exact: true }).fill(SUGGESTED);
    await form.getByRole("button", { name: "Curate item" }).click();
    await lead.getByRole("heading", { level: 1, name: "Our new Lisbon office" }).waitFor();
    await lead.getByText("Nobody has shared it yet.").waitFor();
    await screenshot(lead, "advocacy-item-curated");

    // The employee finds it under Content to share and edits the text: without the disclosure it is blocked.
    const emma = await openPage(browser);
    await signInAs(emma, app.baseUrl, EMMA);
    await mainNav(emma).getByRole("link", { name: "Content to share" }).click();
    const card = emma.getByRole("article", { name: "Our new Lisbon office" });
    const text = card.getByLabel("Your text");
    await expect(text.inputValue()).resolves.toBe(SUGGESTED);
    await expect(card.getByRole("button", { name: "Share on Mastodon" }).count()).resolves.toBe(0);
    const shareOnX = card.getByRole("button", { name: "Share on X" });
    const edited = "Proud of our new Lisbon office, come and visit!";
    await text.fill(edited);
    const findings = card.getByRole("list", { name: "Policy findings for Our new Lisbon office" });
    await findings.getByText("Add #AcmeEmployee to the text itself").waitFor();
    await findings.getByText("Blocks").waitFor();
    await card.getByText("Fix what blocks the text to share it.").waitFor();
    await expect(shareOnX.isDisabled()).resolves.toBe(true);
    await screenshot(emma, "advocacy-share-blocked");

    // The server refuses it too, whatever the page does.
    const refused = await emma.request.post(`${app.baseUrl}/api/advocacy/items/${await itemId(emma)}/shares`, {
      headers: { "x-csrf-token": await csrf(emma) },
      data: { network: "x", text: edited },
    });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.code).toBe("policy_blocked");

    // With the disclosure back, X's compose window gets the text and the share's own link.
    const withTag = `${edited} #AcmeEmployee`;
    await text.fill(withTag);
    await findings.waitFor({ state: "detached" });
    await shareOnX.click();
    const ready = card.getByRole("status").filter({ hasText: "Ready for X" });
    const open = ready.getByRole("link", { name: "Open X" });
    await open.waitFor();
    const href = (await open.getAttribute("href")) ?? "";
    const shortUrl = /(http:\/\/[^\s]+\/l\/[A-Za-z0-9]{7})/.exec((await ready.textContent()) ?? "")?.[1] ?? "";
    expect(shortUrl.startsWith(`${app.baseUrl}/l/`)).toBe(true);
    expect(href).toBe(`https://x.com/intent/post?text=${encodeURIComponent(`${withTag} ${shortUrl}`)}`);
    await expect(open.getAttribute("target")).resolves.toBe("_blank");
    await expect(ready.getByLabel("What will be posted").textContent()).resolves.toBe(`${withTag} ${shortUrl}`);
    await screenshot(emma, "advocacy-share-ready");
    await ready.getByRole("button", { name: "I posted it" }).click();
    const mine = card.getByRole("list", { name: "Your shares" });
    await mine.getByText("0 clicks").waitFor();

    // Someone follows the link from X: the click counts for Emma's share.
    const followed = await fetch(shortUrl, { redirect: "manual", headers: { "user-agent": CHROME } });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toMatch(
      /^https:\/\/acme\.example\/lisbon\?utm_source=x&utm_medium=employee-advocacy&sb_click=/,
    );
    await linkRuntimeOf(app.services.db)?.recorder.flush();
    await emma.reload();
    await mine.getByText("Shared on X").waitFor();
    await mine.getByText("1 click").waitFor();
    await screenshot(emma, "advocacy-content-to-share");

    // The lead sees it per item and per employee.
    await lead.reload();
    const people = lead.getByRole("table", { name: "Shares and clicks per person" });
    await expect(people.getByRole("row", { name: /Emma Employee/ }).textContent()).resolves.toMatch(/Emma Employee.*11$/);
    await lead.getByRole("table", { name: "Every share, newest first" }).getByText("Shared", { exact: true }).waitFor();
    await screenshot(lead, "advocacy-item-report");
    await lead.getByRole("link", { name: "All items" }).click();
    const row = lead.getByRole("table", { name: /Shareable items/ }).getByRole("row", { name: /Our new Lisbon office/ });
    await expect(row.textContent()).resolves.toMatch(/Active.*111$/);
    await expect(lead.getByRole("link", { name: "Export shares (CSV)" }).getAttribute("href")).resolves.toBe("/api/advocacy/shares.csv");
    const everyone = lead.getByRole("table", { name: "Shares and clicks per person, across all items" });
    await expect(everyone.getByRole("row", { name: /Emma Employee/ }).textContent()).resolves.toMatch(/Emma Employee.*111$/);
    await screenshot(lead, "advocacy-curation");

    const phone = await openPage(browser, PHONE);
    await signInAs(phone, app.baseUrl, EMMA);
    await phone.goto(`${app.baseUrl}/advocacy`);
    await phone.getByRole("article", { name: "Our new Lisbon office" }).waitFor();
    await screenshot(phone, "advocacy-phone");

    expect(problemsOf(emma)).toEqual([]);
    expect(problemsOf(lead)).toEqual([]);
  });
});

async function csrf(page: import("../servers/browser.js").Page): Promise<string> {
  const token = (await page.context().cookies()).find((c) => c.name === "sb_csrf")?.value;
  return decodeURIComponent(token ?? "");
}

async function itemId(page: import("../servers/browser.js").Page): Promise<string> {
  const res = await page.request.get(`${new URL(page.url()).origin}/api/advocacy/items`);
  return ((await res.json()) as { items: { id: string }[] }).items[0]?.id ?? "";
}
