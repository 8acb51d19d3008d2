import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyView } from "../../web/src/api/policy.js";
import type { Team } from "../../web/src/api/types.js";
import type { Page } from "../servers/browser.js";
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

const CARLA = { email: "carla@example.com", name: "Carla Contributor", roles: ["contributor"], password: "a contributor who drafts" };
const WRITE_GOOD = path.resolve(import.meta.dirname, "../../server/policy/fixtures/vale/write-good/write-good");
const TEXT = "Project Falcon takes off in May. BOOK YOUR SEAT today.";

/** The public write-good style as a zip, plus one rule whose YAML does not parse (its quote never closes, line 4). */
function styleZip(): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(WRITE_GOOD).filter((f) => f.endsWith(".yml"))) {
    files[`write-good/${name}`] = readFileSync(path.join(WRITE_GOOD, name));
  }
  files["write-good/Broken.yml"] = new TextEncoder().encode("extends: existence\nmessage: \"Avoid '%s'\nlevel: warning\n");
  return Buffer.from(zipSync(files));
}

/** The try-it box's findings; `rule` is the finding's `source.ruleId` as the list shows it. */
const findingsOf = (page: Page) => page.getByRole("list", { name: "Findings" });
const finding = (page: Page, rule: string) => findingsOf(page).getByRole("listitem").filter({ hasText: rule });

describe("the policy page in the browser", () => {
  let suite: BrowserSuite;
  let finance: Team;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    await callApi(page, suite.app.baseUrl, "POST", "/api/users", CARLA);
    finance = await callApi<Team>(page, suite.app.baseUrl, "POST", "/api/teams", {
      name: "Finance",
      description: "Prices and offers",
      members: [],
    });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("an admin edits the lexicon, switches a pack off, routes a claim and loads a Vale style; a contributor only reads", async () => {
    const { app, browser } = suite;
    const admin = await openPage(browser);
    await signInAsAdmin(admin, app.baseUrl);
    await mainNav(admin).getByRole("link", { name: "Policy" }).click();
    await admin.getByRole("heading", { level: 1, name: "Policy" }).waitFor();

    // Try it: the shouting is flagged; the code name is not, yet.
    await admin.getByLabel("Text to check").fill(TEXT);
    await finding(admin, "netiquette.shouting").waitFor();
    expect(await finding(admin, "lexicon.confidential").count()).toBe(0);

    // The lexicon: a confidential project name, saved once with the change listed beside Save.
    const lexicon = admin.getByRole("region", { name: "Lexicon" });
    await lexicon.getByRole("button", { name: "Add confidential name" }).click();
    await lexicon.getByLabel("Confidential name 1", { exact: true }).fill("Project Falcon");
    await lexicon.getByText("Confidential project names: added “Project Falcon”").waitFor();
    // Leaving with it unsaved asks first; staying keeps the change.
    await mainNav(admin).getByRole("link", { name: "Home" }).click();
    const leave = admin.getByRole("dialog", { name: "Leave without saving?" });
    await leave.getByText("Your changes to the policy are not saved.").waitFor();
    await leave.getByRole("button", { name: "Cancel" }).click();
    await leave.waitFor({ state: "detached" });
    expect(new URL(admin.url()).pathname).toBe("/policy");
    await lexicon.getByText("Confidential project names: added “Project Falcon”").waitFor();
    await lexicon.getByRole("button", { name: "Save lexicon" }).click();
    await admin.getByRole("status").getByText("Saved the lexicon").waitFor();
    await lexicon.getByText("No unsaved changes.").waitFor();
    // The try-it box checks again against the new policy: the name is now an error.
    const leak = finding(admin, "lexicon.confidential");
    await leak.waitFor();
    await leak.getByText("Error", { exact: true }).waitFor();
    await leak.getByText("Project Falcon").first().waitFor();
    await admin.locator(".policy-highlighted mark.policy-mark-error", { hasText: "Project Falcon" }).waitFor();

    // Packs: netiquette off; nothing is sent until Save, and the shouting finding goes.
    const packs = admin.getByRole("region", { name: "Packs and rules" });
    await packs.getByRole("button", { name: "Rules of Netiquette" }).click();
    await packs.getByRole("switch", { name: "netiquette.shouting" }).waitFor();
    await packs.getByRole("switch", { name: "Netiquette", exact: true }).uncheck();
    await packs.getByText("Netiquette switched off").waitFor();
    expect(await finding(admin, "netiquette.shouting").count()).toBe(1);
    await screenshot(admin, "policy-packs-unsaved", { fullPage: false });
    await packs.getByRole("button", { name: "Save packs and rules" }).click();
    await admin.getByRole("status").getByText("Saved packs and rules").waitFor();
    await expect.poll(() => finding(admin, "netiquette.shouting").count()).toBe(0);
    await finding(admin, "lexicon.confidential").waitFor();
    expect(await packs.getByRole("switch", { name: "netiquette.shouting" }).isChecked()).toBe(false);

    // Claims: prices need Finance's approval.
    const claims = admin.getByRole("region", { name: "Claims" });
    await claims.getByLabel("Team that approves prices").selectOption({ label: "Finance" });
    await claims.getByText("Prices: Finance (was no approval needed)").waitFor();
    await claims.getByRole("button", { name: "Save claim approvers" }).click();
    await admin.getByRole("status").getByText("Saved claim approvers").waitFor();

    // Vale styles: write-good loads; the broken rule is named with its file and line.
    const styles = admin.getByRole("region", { name: "Vale styles" });
    await styles
      .getByLabel("Style archive (.zip)")
      .setInputFiles({ name: "write-good.zip", mimeType: "application/zip", buffer: styleZip() });
    await styles.getByRole("button", { name: "Upload styles" }).click();
    await admin.getByRole("status").getByText("Loaded write-good").waitFor();
    await styles.getByRole("list", { name: "Loaded styles" }).getByRole("listitem").filter({ hasText: "write-good" }).waitFor();
    const broken = styles.getByRole("table", { name: "Rules that did not load" }).getByRole("row", { name: /write-good\/Broken\.yml/ });
    await broken.getByText("4:1").waitFor();
    await broken.getByText(/invalid YAML/).waitFor();
    await packs.getByRole("switch", { name: "write-good", exact: true }).waitFor();
    // Its rules run in the try-it box at once.
    await admin.getByLabel("Text to check").fill("It is clearly a very good plan.");
    await finding(admin, "write-good.Weasel").filter({ hasText: "weasel word" }).first().waitFor();
    await screenshot(admin, "policy-admin");

    const saved = await callApi<PolicyView>(admin, app.baseUrl, "GET", "/api/policy");
    expect(saved.lexicon.confidential).toEqual(["Project Falcon"]);
    expect(saved.settings.packs.netiquette).toEqual({ enabled: false });
    expect(saved.claimApprovers).toEqual({ price: finance.id });
    expect(saved.styles.names).toEqual(["write-good"]);
    // Everything saved: the page is left without a question.
    await mainNav(admin).getByRole("link", { name: "Home" }).click();
    await admin.waitForURL((url) => url.pathname === "/");
    expect(await admin.getByRole("dialog").count()).toBe(0);
    await mainNav(admin).getByRole("link", { name: "Policy" }).click();
    await admin.getByRole("heading", { level: 1, name: "Policy" }).waitFor();

    // Carla sees the same policy and can try texts, but changes nothing.
    const carla = await openPage(browser);
    await signInAs(carla, app.baseUrl, CARLA);
    await mainNav(carla).getByRole("link", { name: "Policy" }).click();
    await carla.getByRole("heading", { level: 1, name: "Policy" }).waitFor();
    await carla.getByText("Only administrators can change the policy").waitFor();
    await carla.getByLabel("Text to check").fill("Our Project Falcon is nearly ready");
    await finding(carla, "lexicon.confidential").getByText("Error", { exact: true }).waitFor();
    expect(await carla.getByRole("switch", { name: "Netiquette", exact: true }).isDisabled()).toBe(true);
    await carla.getByRole("region", { name: "Claims" }).getByText("Finance").waitFor();
    await carla.getByRole("region", { name: "Lexicon" }).getByText("Project Falcon").waitFor();
    for (const name of ["Save lexicon", "Save packs and rules", "Save claim approvers", "Upload styles", "Add confidential name"]) {
      expect(await carla.getByRole("button", { name }).count(), name).toBe(0);
    }
    expect(await carla.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    await screenshot(carla, "policy-read-only");

    // On a phone the page still reads top to bottom, without sideways scrolling.
    const phone = await openPage(browser, PHONE);
    await signInAsAdmin(phone, app.baseUrl);
    await phone.goto(`${app.baseUrl}/policy`);
    await phone.getByLabel("Text to check").fill(TEXT);
    await finding(phone, "lexicon.confidential").waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, "policy-phone");
    await phone.getByRole("button", { name: "Rules of Netiquette" }).click();
    await phone.getByRole("switch", { name: "netiquette.shouting" }).scrollIntoViewIfNeeded();
    await screenshot(phone, "policy-phone-packs", { fullPage: false });
    await phone.getByRole("region", { name: "Lexicon" }).getByLabel("Confidential name 1", { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(phone, "policy-phone-lexicon", { fullPage: false });

    // Removing the style takes its rules out of the packs.
    await styles.getByRole("button", { name: "Remove write-good" }).click();
    const confirm = admin.getByRole("dialog", { name: "Remove write-good?" });
    await confirm.getByRole("button", { name: "Remove style" }).click();
    await admin.getByRole("status").getByText("Removed write-good").waitFor();
    await styles.getByText("No Vale styles yet").waitFor();
    expect(await packs.getByRole("switch", { name: "write-good", exact: true }).count()).toBe(0);

    for (const page of [admin, carla, phone]) {
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    }
  });
});
