import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MastodonStreamingStandIn, startMastodonStreamingStandIn } from "../../connectors/mastodon/test/streamingStandIn.js";
import { createAccount } from "../../server/accounts/saveAccount.js";
import { systemActor } from "../../server/audit/context.js";
import { markConnected } from "../../server/connections/connectionState.js";
import { saveCredentials } from "../../server/connections/credentials.js";
import { type InboxStreams, startInboxStreams } from "../../server/inbox/streams/manager.js";
import type { RunningApp } from "../helpers/runningApp.js";
import { startRunningAppWith } from "../helpers/runningAppWith.js";
import { type Browser, launchBrowser } from "../servers/browser.js";
import { openPage, problemsOf, screenshot, setUpFirstAdminByApi, signInAsAdmin } from "./support.js";

/** The live stream of two Mastodon channels on the account page: one connected, one reconnecting after errors. */
describe("inbox streams in the browser", () => {
  let app: RunningApp;
  let browser: Browser;
  let healthy: MastodonStreamingStandIn;
  let failing: MastodonStreamingStandIn;
  let streams: InboxStreams;
  let good: string;
  let bad: string;

  beforeAll(async () => {
    healthy = await startMastodonStreamingStandIn({ tokens: ["token-healthy"], heartbeatMs: 200 });
    failing = await startMastodonStreamingStandIn({ tokens: ["token-failing"] });
    for (let i = 0; i < 5; i++) failing.failNext(503);
    app = await startRunningAppWith();
    browser = await launchBrowser();
    const page = await openPage(browser);
    await setUpFirstAdminByApi(page, app);
    await page.context().close();
    const { db, keyring } = app.services;
    const channel = async (handle: string, url: string, token: string) => {
      const id = await createAccount(db, systemActor(), { network: "mastodon", handle, url: `${url}/@${handle}` });
      await saveCredentials(db, keyring, id, { accessToken: token });
      await markConnected(db, systemActor(), id, { externalId: handle, handle, displayName: handle, url: null });
      return id;
    };
    good = await channel("care", healthy.url, "token-healthy");
    bad = await channel("press", failing.url, "token-failing");
    streams = startInboxStreams(app.services, pino({ level: "silent" }), { refreshMs: 3_600_000 });
  });
  afterAll(async () => {
    await streams?.stop();
    await browser?.close();
    await app?.dispose();
    await healthy?.close();
    await failing?.close();
  });

  it("shows each channel's live stream under Connection", async () => {
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    for (let i = 0; i < 100 && healthy.openConnections() === 0; i++) await new Promise((r) => setTimeout(r, 50));
    healthy.mention("@care my order never came");
    for (let i = 0; i < 100; i++) {
      const n = await app.services.db.selectFrom("inbox_messages").select("id").where("account_id", "=", good).execute();
      if (n.length === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    await page.goto(`${app.baseUrl}/accounts/${good}`);
    const live = page.getByRole("definition").filter({ hasText: /received/ });
    await live.getByText("Connected", { exact: true }).waitFor();
    await live.getByText(/1 received/).waitFor();
    await screenshot(page, "account-stream-connected");

    await page.goto(`${app.baseUrl}/accounts/${bad}`);
    const failingLive = page.getByRole("definition").filter({ hasText: /received/ });
    await failingLive.getByText("Reconnecting", { exact: true }).waitFor();
    await failingLive.getByText(/Next attempt/).waitFor();
    await failingLive.getByText("Mastodon: HTTP 503: Service unavailable").waitFor();
    await screenshot(page, "account-stream-reconnecting");
    expect(problemsOf(page)).toEqual([]);
  });
});
