import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountDetail, Me } from "../../web/src/api/types.js";
import { type BlueskyPds, startBlueskyPds } from "../servers/bluesky/pds.js";
import { type BrowserSuite, callApi, openPage, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

describe("connecting a Bluesky account with an app password in the browser (real PDS)", () => {
  let suite: BrowserSuite;
  let pds: BlueskyPds;
  beforeAll(async () => {
    [suite, pds] = await Promise.all([startBrowserSuite({ withAdmin: true }), startBlueskyPds()]);
  });
  afterAll(async () => {
    await pds?.stop();
    await suite?.close();
  });

  it("shows the PDS's reason for a wrong app password, then connects with the right one and never shows it again", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    const me = await callApi<Me>(page, app.baseUrl, "GET", "/api/me");
    const account = await callApi<AccountDetail>(page, app.baseUrl, "POST", "/api/accounts", {
      network: "bluesky",
      handle: pds.alice.handle,
      ownerId: me.user.id,
    });

    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    const connection = page.getByRole("region", { name: "Connection" });
    await connection.getByRole("button", { name: "Connect" }).click();
    const dialog = page.getByRole("dialog", { name: `Connect ${pds.alice.handle}` });
    expect(await dialog.getByLabel("Server address").inputValue()).toBe("https://bsky.social");
    await dialog.getByLabel("Server address").fill(pds.url);
    await dialog.getByLabel("App password").fill("wrong-wrong-wrong-wrong");
    await dialog.getByRole("button", { name: "Connect" }).click();
    await dialog.getByText("Invalid identifier or password").waitFor();
    await screenshot(page, "account-app-password-refused", { fullPage: false });

    await dialog.getByLabel("App password").fill(pds.alice.appPassword);
    await dialog.getByRole("button", { name: "Connect" }).click();
    await dialog.waitFor({ state: "detached" });
    await connection.getByText("Connected", { exact: true }).waitFor();
    await screenshot(page, "account-app-password-connected", { fullPage: false });
    expect(await page.content()).not.toContain(pds.alice.appPassword);

    await connection.getByRole("button", { name: "Check connection" }).click();
    await connection.getByText("Connected", { exact: true }).waitFor();
    expect(await page.content()).not.toContain(pds.alice.appPassword);
  });
});
