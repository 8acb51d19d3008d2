/**
 * One inbox for every source: a single Switchboard with four channels connected (Bluesky on a real PDS
 * and AppView, a real WordPress site, an email mailbox on real IMAP/SMTP servers, X on its stand-in).
 * A customer writes on each, as they would there; the inbox lists all four, classified; a routing rule
 * sends the complaint to a team at high priority; the agent answers each from the reply box, and each
 * answer is checked where it landed.
 */
import { AtpAgent } from "@atproto/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostRef } from "../../connectors/bluesky/test/network.js";
import { personOn } from "../../connectors/bluesky/test/network.js";
import { startTestMailServer, type TestMailServer } from "../../connectors/email/test/mailServer.js";
import { connect } from "../../connectors/test/harness.js";
import { wpRest } from "../../connectors/wordpress/test/fixtures.js";
import { createXConnector } from "../../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../../connectors/x/test/standIn.js";
import { createAccount } from "../../server/accounts/saveAccount.js";
import { systemActor } from "../../server/audit/context.js";
import { markConnected } from "../../server/connections/connectionState.js";
import { saveCredentials } from "../../server/connections/credentials.js";
import { saveNetworkApp } from "../../server/connections/networkApps.js";
import { pollEmailChannels } from "../../server/inbox/email/pollEmail.js";
import { pollInboxSources } from "../../server/inbox/poll/pollSources.js";
import { runDuePublishing } from "../../server/posts/engine/runDue.js";
import { TEST_DATABASE_URL } from "../helpers/databases.js";
import type { RunningApp } from "../helpers/runningApp.js";
import { localServersHttp, startRunningAppWith } from "../helpers/runningAppWith.js";
import { type BlueskyNetwork, startBlueskyNetwork } from "../servers/bluesky/pds.js";
import { type Browser, launchBrowser, type Page } from "../servers/browser.js";
import { startWordPress, type TestWordPress } from "../servers/wordpress/startWordPress.js";
import { callApi, openPage, problemsOf, screenshot, setUpFirstAdminByApi, signInAsAdmin } from "./support.js";

const conversations = (page: Page) => page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
const optionLabels = async (page: Page) =>
  (await conversations(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) as string[];
const pane = (page: Page) => page.getByRole("region", { name: "Conversation" });

const WORDPRESS_HANDLE = "blog.acme.example";
/** What each customer writes, and a phrase of it that finds their conversation in the list. */
const BLUESKY_TEXT = "is the Lisbon lounge open to economy passengers this week?";
const WORDPRESS_TEXT = "Lovely article about the new routes, thank you! The Porto photos are wonderful.";
const EMAIL_SUBJECT = "My bag never arrived in Lisbon";
const X_TEXT = "does the 07:40 from Dublin have wifi on board?";

describe("one inbox for Bluesky, WordPress, email and X", () => {
  let net: BlueskyNetwork;
  let wp: TestWordPress;
  let mail: TestMailServer;
  let x: XStandIn;
  let app: RunningApp;
  let browser: Browser;
  let blueskyMention: PostRef;
  let wordPressPostId: string;
  let wordPressCommentId: number;
  let xMentionId: string;
  let careTeamId: string;

  beforeAll(async () => {
    // The PDS and AppView first: started beside WordPress on a busy two-core machine, they can miss their start timeout.
    net = await startBlueskyNetwork({ postgresUrl: TEST_DATABASE_URL });
    [wp, mail, x] = await Promise.all([startWordPress(), startTestMailServer(), startXStandIn()]);
    // X answers at a fixed address: its connector is pointed at the stand-in. The others are told their server when connected.
    const xConnector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
    app = await startRunningAppWith({ connectors: [xConnector] });
    browser = await launchBrowser();

    const page = await openPage(browser);
    await setUpFirstAdminByApi(page, app);
    const api = <T>(method: "POST" | "PUT", apiPath: string, data: unknown) => callApi<T>(page, app.baseUrl, method, apiPath, data);
    const account = (network: string, handle: string) => api<{ id: string }>("POST", "/api/accounts", { network, handle });

    // Connected as an administrator would (each connect dialog has browser tests of its own).
    const bluesky = await account("bluesky", net.alice.handle);
    await api("POST", `/api/accounts/${bluesky.id}/connect`, {
      identifier: net.alice.handle,
      secret: net.alice.appPassword,
      baseUrl: net.url,
    });
    const wordpress = await account("wordpress", WORDPRESS_HANDLE);
    await api("POST", `/api/accounts/${wordpress.id}/connect`, {
      identifier: wp.admin.username,
      secret: wp.admin.applicationPassword,
      baseUrl: wp.url,
    });
    const email = await account("email", mail.user);
    await api("POST", `/api/accounts/${email.id}/email`, {
      username: mail.user,
      password: mail.password,
      imap: { ...mail.imap, security: "none" },
      smtp: { ...mail.smtp, security: "none" },
    });
    // X's OAuth sends the browser back to a fixed redirect, so the grant is taken as xChannelApp does and stored.
    const { db, keyring } = app.services;
    await saveNetworkApp(db, keyring, null, { network: "x", ...X_CLIENT });
    if (!xConnector.oauth) throw new Error("X has OAuth");
    const http = localServersHttp();
    const [granted] = await connect(xConnector.oauth, http, X_CLIENT, X_REDIRECT);
    await http.close();
    if (!granted) throw new Error("X granted nothing");
    const xAccountId = await createAccount(db, systemActor(), { network: "x", handle: granted.profile.handle });
    await saveCredentials(db, keyring, xAccountId, granted.credentials);
    await markConnected(db, systemActor(), xAccountId, granted.profile);

    // Our blog post, published by Switchboard's engine: readers comment under it.
    const post = await api<{ id: string }>("POST", "/api/posts", {
      text: "New routes this summer\nPorto, Lisbon and Faro, from June.",
      timeZone: "UTC",
      scheduledAt: new Date().toISOString(),
      variants: [{ accountId: wordpress.id }],
    });
    expect(await runDuePublishing(app.services, "all-networks", new Date(Date.now() + 60_000))).toEqual(["published"]);
    const variant = await db.selectFrom("post_variants").select("remote_id").where("post_id", "=", post.id).executeTakeFirstOrThrow();
    wordPressPostId = String(variant.remote_id);

    // A team for complaints (the Teams page has browser tests of its own).
    const me = await callApi<{ user: { id: string } }>(page, app.baseUrl, "GET", "/api/me");
    careTeamId = (
      await api<{ id: string }>("POST", "/api/teams", { name: "Customer care", members: [{ userId: me.user.id, role: "lead" }] })
    ).id;
    await page.context().close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    await Promise.all([net?.stop(), wp?.stop(), mail?.close(), x?.close()]);
  });

  it("brings a mention from each network into one list, classified and routed, and answers each where it came from", async () => {
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);

    // Routing rule, made on the routing rules page: complaints go to Customer care at high priority.
    await page.goto(`${app.baseUrl}/inbox/routing`);
    await page.getByRole("heading", { level: 1, name: "Routing rules" }).waitFor();
    await page.getByRole("button", { name: "Add a rule" }).click();
    const rule = page.getByRole("list", { name: "Routing rules, in the order they apply" }).getByRole("listitem").first();
    await rule.getByLabel("Rule name").fill("Complaints to care");
    await rule.getByLabel("Condition to add").selectOption("intent");
    await rule.getByRole("button", { name: "Add condition" }).click();
    await rule.getByLabel("Complaint", { exact: true }).check();
    await rule.getByLabel("Team").selectOption({ label: "Customer care" });
    await rule.getByLabel("Priority").selectOption("high");
    await rule.getByRole("checkbox", { name: /Stop here/ }).check();
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByText("All changes saved").waitFor();
    const saved = await callApi<{ rules: unknown[] }>(page, app.baseUrl, "GET", "/api/inbox/routing-rules");
    expect(saved.rules).toMatchObject([
      {
        name: "Complaints to care",
        enabled: true,
        conditions: [{ field: "intent", values: ["complaint"] }],
        actions: { teamId: careTeamId, priority: "high" },
        stop: true,
      },
    ]);

    // Each customer writes where they are.
    const bob = await personOn(net, net.bob);
    blueskyMention = await bob.post(`@${net.alice.handle} ${BLUESKY_TEXT}`);
    await net.processAll();
    const comment = await wpRest(wp, "wp/v2/comments", {
      method: "POST",
      json: {
        post: Number(wordPressPostId),
        author_name: "Rosa Reader",
        author_email: "rosa@example.org",
        content: WORDPRESS_TEXT,
        status: "approved",
      },
    });
    expect(comment.status).toBe(201);
    wordPressCommentId = comment.json.id;
    mail.deliver(
      [
        "From: Maya Lind <maya@example.org>",
        `To: ${mail.user}`,
        `Subject: ${EMAIL_SUBJECT}`,
        "Message-ID: <maya-all-1@example.org>",
        `Date: ${new Date().toUTCString()}`,
        "",
        "Third day in the same clothes and nobody at the desk can tell me anything. This is ridiculous, terrible service. Reference LIS-44821.",
      ].join("\r\n"),
    );
    xMentionId = x.mention(`@switchboard_hq ${X_TEXT}`).id;

    // The channels are read, as the inbox.poll job does every 15 seconds.
    expect(await pollInboxSources(app.services)).toMatchObject({ failed: 0 });
    expect(await pollEmailChannels(app.services)).toMatchObject({ failed: 0, stored: 1 });

    await page.goto(`${app.baseUrl}/inbox`);
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await expect.poll(async () => (await optionLabels(page)).length).toBe(4);
    const labels = await optionLabels(page);
    const row = (network: RegExp) => labels.find((l) => network.test(l)) ?? "";
    const classified = /, (Negative|Neutral|Positive), (Complaint|Question|Praise|Lead|Spam|Other),/;
    const bluesky = row(new RegExp(`Bluesky @${net.alice.handle.replaceAll(".", "\\.")}`));
    const wordpress = row(new RegExp(`WordPress @${WORDPRESS_HANDLE.replaceAll(".", "\\.")}`));
    const email = row(new RegExp(`Email ${mail.user.replaceAll(".", "\\.")}`));
    const xRow = row(/X \(Twitter\) @switchboard_hq/);
    for (const label of [bluesky, wordpress, email, xRow]) expect(label).toMatch(classified);
    expect(bluesky).toContain("lounge");
    expect(wordpress).toMatch(/Positive, Praise/);
    expect(email).toMatch(/^My bag never arrived in Lisbon, from Maya Lind, .*Negative, Complaint, .*High priority/);
    expect(xRow).toContain("wifi");
    // Only the complaint was routed.
    for (const label of [bluesky, wordpress, xRow]) expect(label).not.toContain("High priority");
    await screenshot(page, "inbox-all-networks", { fullPage: false });

    // The routed conversation shows its team and priority.
    await conversations(page).filter({ hasText: EMAIL_SUBJECT }).click();
    const routed = pane(page);
    await routed.getByRole("heading", { level: 2, name: EMAIL_SUBJECT }).waitFor();
    expect(await routed.getByLabel("Team").locator("option:checked").textContent()).toBe("Customer care");
    expect(await routed.getByLabel("Priority").inputValue()).toBe("high");

    const answer = async (find: string, text: string) => {
      await conversations(page).filter({ hasText: find }).first().click();
      const reply = pane(page).getByRole("textbox", { name: /^Reply to / });
      await reply.fill(text);
      await pane(page).getByRole("button", { name: "Send reply" }).click();
      // Sent through the network before it shows: WordPress in WebAssembly can take seconds on a busy machine.
      await pane(page).getByRole("region", { name: "Messages" }).getByText(text).waitFor({ timeout: 30_000 });
    };
    const toMaya = "So sorry, Maya. Your bag is on the evening flight to Lisbon and will reach your hotel tomorrow morning.";
    await answer(EMAIL_SUBJECT, toMaya);
    await screenshot(page, "inbox-all-networks-email-answered", { fullPage: false });
    const toBob = "Yes: economy passengers are welcome in the Lisbon lounge this week, from 06:00.";
    await answer("lounge", toBob);
    const toRosa = "Thank you, Rosa! The Porto photos were taken by our cabin crew.";
    await answer("Lovely article", toRosa);
    const toAda = "Yes, the 07:40 from Dublin has free wifi on board.";
    await answer("wifi", toAda);
    await screenshot(page, "inbox-all-networks-x-answered", { fullPage: false });

    // Email: the SMTP server took the answer, threaded under Maya's message.
    await expect.poll(() => mail.sent.length).toBe(1);
    expect(mail.sent[0]?.to).toEqual(["maya@example.org"]);
    expect(mail.sent[0]?.raw).toMatch(/^In-Reply-To: <maya-all-1@example\.org>\r?$/im);
    expect(mail.sent[0]?.raw).toContain("evening flight to Lisbon");

    // Bluesky: a reply record in alice's repository on the PDS, and in the thread the AppView serves.
    const records = (
      await new AtpAgent({ service: net.url }).com.atproto.repo.listRecords({
        repo: net.alice.did,
        collection: "app.bsky.feed.post",
        limit: 100,
      })
    ).data.records.map((r) => r.value as { text: string; reply?: { parent: { uri: string }; root: { uri: string } } });
    expect(records.filter((r) => r.text === toBob)).toEqual([
      expect.objectContaining({ reply: { parent: expect.objectContaining({ uri: blueskyMention.uri }), root: expect.anything() } }),
    ]);
    await net.processAll();
    const thread = await bob.agent.getPostThread({ uri: blueskyMention.uri });
    const replies = (thread.data.thread as { replies?: { post: { record: { text: string } } }[] }).replies ?? [];
    expect(replies.map((r) => r.post.record.text)).toContain(toBob);

    // WordPress: a comment under the same post, its parent Rosa's comment.
    const onSite = (await wpRest(wp, `wp/v2/comments?post=${wordPressPostId}&parent=${wordPressCommentId}`)).json as unknown as {
      content: { rendered: string };
    }[];
    expect(onSite.map((c) => c.content.rendered)).toEqual([expect.stringContaining("The Porto photos were taken by our cabin crew")]);

    // X: the stand-in received the POST /2/tweets answering the mention.
    const posted = x.requests.filter((r) => r.method === "POST" && r.path === "/2/tweets").map((r) => r.json());
    expect(posted).toEqual([{ text: toAda, reply: { in_reply_to_tweet_id: xMentionId } }]);

    // Answered, all four wait on the customer: the Pending view lists them, the Bluesky thread with its answer.
    await page.goto(`${app.baseUrl}/inbox?view=pending`);
    await expect.poll(async () => (await optionLabels(page)).length).toBe(4);
    await conversations(page).filter({ hasText: "lounge" }).first().click();
    await pane(page).getByRole("region", { name: "Messages" }).getByText(toBob).waitFor();
    await screenshot(page, "inbox-all-networks-conversation", { fullPage: false });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  }, 150_000);
});
