import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestMailServer, type TestMailServer } from "../../../connectors/email/test/mailServer.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { saveCredentials } from "../../connections/credentials.js";
import { POLL_INTERVAL_MS } from "../poll/pollSources.js";
import { pollEmailChannels } from "./pollEmail.js";

const mail = (id: string, body: string, headers: Record<string, string> = {}, from = "Jo Traveller <jo@example.org>") =>
  [
    `From: ${from}`,
    "To: support@acme.example",
    `Subject: ${headers.Subject ?? "Lost bag"}`,
    `Message-ID: <${id}@example.org>`,
    `Date: ${new Date().toUTCString()}`,
    ...Object.entries(headers)
      .filter(([k]) => k !== "Subject")
      .map(([k, v]) => `${k}: ${v}`),
    "",
    body,
  ].join("\r\n");

const serversOf = (server: TestMailServer) => ({
  username: server.user,
  imap: { ...server.imap, security: "none" },
  smtp: { ...server.smtp, security: "none" },
});

describe.each(DIALECTS)("email channels: IMAP in, SMTP out, on %s", (dialect) => {
  let server: TestMailServer;
  let t: TestApp;
  let admin: TestClient;
  let accountId: string;

  const connect = async (mailServer: TestMailServer, id: string, password = mailServer.password) =>
    admin.post(`/api/accounts/${id}/email`, { ...serversOf(mailServer), password });
  const messages = () => t.services.db.selectFrom("inbox_messages").selectAll().orderBy("sent_at").orderBy("id").execute();
  const conversations = () => t.services.db.selectFrom("inbox_conversations").selectAll().execute();

  beforeEach(async () => {
    server = await startTestMailServer();
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    accountId = await createAccount(t.services.db, systemActor(), { network: "email", handle: server.user });
    const res = await connect(server, accountId);
    expect(res.statusCode).toBe(200);
  });
  afterEach(async () => {
    await t.dispose();
    await server.close();
  });

  it("connects with the mail servers checked first, keeps the password only in the vault, and audits it", async () => {
    const other = await createAccount(t.services.db, systemActor(), { network: "email", handle: "sales@acme.example" });
    const refused = await connect(server, other, "not the password");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("mail_login_refused");
    expect(refused.body).not.toContain("not the password");
    const unreachable = await admin.post(`/api/accounts/${other}/email`, {
      ...serversOf(server),
      imap: { host: "127.0.0.1", port: 1, security: "none" },
      password: server.password,
    });
    expect(unreachable.json().error.code).toBe("mail_server_unreachable");
    expect((await admin.post(`/api/accounts/${other}/email`, { ...serversOf(server), imap: { host: "x y", port: 0 } })).statusCode).toBe(
      400,
    );
    expect((await admin.get(`/api/accounts/${other}/email`)).json()).toEqual({ settings: null });

    const shown = await admin.get(`/api/accounts/${accountId}/email`);
    expect(shown.json().settings).toMatchObject({ address: server.user, username: server.user, imap: { port: server.imap.port } });
    expect(shown.body).not.toContain(server.password);
    expect((await admin.get(`/api/accounts/${accountId}`)).json().connectionStatus).toBe("connected");
    const checked = await admin.post(`/api/accounts/${accountId}/check`);
    expect(checked.json()).toMatchObject({ connectionStatus: "connected", connection: { lastError: null } });
    expect((await admin.post(`/api/accounts/${other}/check`)).json().error.code).toBe("not_connected");
    const actions = (await admin.get("/api/audit?targetType=account")).json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["account.email_servers_saved", "account.connected"]));
    expect(JSON.stringify((await admin.get("/api/audit?targetType=account")).json())).not.toContain(server.password);
  });

  it("stores each delivered mail once, however often the mailbox is read, also after its UIDVALIDITY changes", async () => {
    server.deliver(mail("a1", "My bag never arrived and nobody answers the phone. This is the worst service."));
    server.deliver(mail("b1", "Is the lounge in terminal 2 open on Sundays?", { Subject: "Lounge" }, "Kim <kim@example.net>"));
    const now = new Date();
    expect(await pollEmailChannels(t.services, now)).toMatchObject({ polled: 1, failed: 0, stored: 2 });
    expect(await pollEmailChannels(t.services, new Date(now.getTime() + 1000))).toMatchObject({ polled: 0 });
    expect(await pollEmailChannels(t.services, new Date(now.getTime() + POLL_INTERVAL_MS))).toMatchObject({ polled: 1, stored: 0 });
    server.renumber();
    const later = new Date(now.getTime() + 2 * POLL_INTERVAL_MS);
    expect(await pollEmailChannels(t.services, later)).toMatchObject({ polled: 1, failed: 0, stored: 0 });
    const stored = await messages();
    expect(stored.map((m) => m.external_id).sort()).toEqual(["<a1@example.org>", "<b1@example.org>"]);
    const source = await t.services.db.selectFrom("inbox_sources").selectAll().where("stream", "=", "imap").executeTakeFirstOrThrow();
    expect(source.cursor).toBe("2:2");
    const convs = await conversations();
    expect(convs.map((c) => c.kind)).toEqual(["email", "email"]);
    expect(convs.map((c) => c.subject).sort()).toEqual(["Lost bag", "Lounge"]);
    expect(stored.find((m) => m.external_id === "<a1@example.org>")?.sentiment).toBe("negative");
  });

  it("threads a reply chain into one conversation by its headers, and classifies without the quoted text", async () => {
    server.deliver(mail("a1", "My bag never arrived."));
    // A mail program that keeps only In-Reply-To…
    server.deliver(mail("a2", "Any news?", { Subject: "Re: Lost bag", "In-Reply-To": "<a1@example.org>" }));
    await pollEmailChannels(t.services);
    // …and one that answers with the whole thread, quoting a furious message: what is new is thanks.
    const quoted = "> This is the worst airline, terrible, awful, I hate it.\n> Absolutely disgusting service.";
    server.deliver(
      mail("a3", `Thank you so much, it arrived today! Wonderful help.\n\nOn Monday Jo wrote:\n${quoted}`, {
        Subject: "Re: Lost bag",
        "In-Reply-To": "<a2@example.org>",
        References: "<a1@example.org> <a2@example.org>",
      }),
    );
    await pollEmailChannels(t.services, new Date(Date.now() + POLL_INTERVAL_MS));
    const convs = await conversations();
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({ thread_key: "email:<a1@example.org>", message_count: 3, subject: "Lost bag" });
    const last = (await messages()).find((m) => m.external_id === "<a3@example.org>");
    expect(last?.text).toContain("Absolutely disgusting service.");
    expect(last?.sentiment).toBe("positive");
    const contacts = await t.services.db.selectFrom("inbox_identities").selectAll().execute();
    expect(contacts).toMatchObject([{ network: "email", external_id: "jo@example.org", handle: "jo@example.org" }]);
  });

  it("answers by SMTP with our Message-ID, In-Reply-To and References; the customer's answer threads back", async () => {
    server.deliver(mail("a1", "My suitcase was damaged on flight 212."));
    server.deliver(
      mail("a2", "The handle is broken too.", {
        Subject: "Re: Lost bag",
        "In-Reply-To": "<a1@example.org>",
        References: "<a1@example.org>",
      }),
    );
    await pollEmailChannels(t.services);
    const [conversation] = await conversations();
    const res = await admin.post(`/api/inbox/conversations/${conversation?.id}/replies`, {
      text: "So sorry about your suitcase, Jo. Please send us your booking reference and we will arrange the repair.",
    });
    expect(res.statusCode).toBe(201);
    const { remoteId } = res.json();
    expect(remoteId).toMatch(/^<[0-9a-f-]+@acme\.example>$/);
    expect(server.sent).toHaveLength(1);
    const sent = server.sent[0];
    expect(sent?.to).toEqual(["jo@example.org"]);
    expect(sent?.from).toBe(server.user);
    expect(sent?.raw).toContain(`Message-ID: ${remoteId}`);
    expect(sent?.raw).toMatch(/^In-Reply-To: <a2@example\.org>\r?$/im);
    expect(sent?.raw).toMatch(/^References: <a1@example\.org> <a2@example\.org>\r?$/im);
    expect(sent?.raw).toMatch(/^Subject: Re: Lost bag\r?$/im);
    expect(sent?.raw).toContain("booking reference");
    const out = (await messages()).filter((m) => m.direction === "out");
    expect(out).toMatchObject([{ external_id: remoteId, in_reply_to: "<a2@example.org>" }]);
    expect((await conversations())[0]?.status).toBe("pending");

    // The customer answers our reply (only In-Reply-To): it joins the conversation and reopens it.
    server.deliver(mail("a3", "Booking ref XK42P, thanks.", { Subject: "Re: Lost bag", "In-Reply-To": remoteId }));
    await pollEmailChannels(t.services, new Date(Date.now() + POLL_INTERVAL_MS));
    expect(await conversations()).toMatchObject([{ status: "open", message_count: 4 }]);

    // The policy applies as on any channel: a blocked reply sends nothing.
    expect((await admin.put("/api/policy/lexicon", { confidential: ["Project Falcon"] })).statusCode).toBe(200);
    const blocked = await admin.post(`/api/inbox/conversations/${conversation?.id}/replies`, {
      text: "Thanks! Project Falcon will fix bags like yours next year.",
    });
    expect(blocked.json().error.code).toBe("policy_blocked");
    expect(server.sent).toHaveLength(1);
  });

  it("backs off a mailbox whose password is refused, shows why on the channel, and reads the others", async () => {
    const second = await startTestMailServer({ user: "sales@acme.example" });
    try {
      const salesId = await createAccount(t.services.db, systemActor(), { network: "email", handle: second.user });
      expect((await connect(second, salesId)).statusCode).toBe(200);
      // The support mailbox's password was changed on the mail server.
      await saveCredentials(t.services.db, t.services.keyring, accountId, { accessToken: "the old password", identifier: server.user });
      server.deliver(mail("a1", "Hello support?"));
      second.deliver(mail("s1", "I would like a quote for 40 seats.", {}, "Lee <lee@example.com>"));
      const now = new Date();
      expect(await pollEmailChannels(t.services, now)).toMatchObject({ polled: 2, failed: 1, stored: 1 });
      expect((await messages()).map((m) => m.external_id)).toEqual(["<s1@example.org>"]);
      const source = await t.services.db
        .selectFrom("inbox_sources")
        .selectAll()
        .where("account_id", "=", accountId)
        .executeTakeFirstOrThrow();
      expect(source.failures).toBe(1);
      expect(source.last_error).toMatch(/refused the user name or password/);
      expect(source.last_error).not.toContain("the old password");
      expect(Date.parse(source.next_poll_at)).toBe(now.getTime() + POLL_INTERVAL_MS);
      const detail = (await admin.get(`/api/accounts/${accountId}`)).json();
      expect(detail.connectionStatus).toBe("needs_reconnect");
      expect(detail.connection.lastError).toMatch(/refused the user name or password/);
      expect(detail.health.reasons).toContain("Needs to be reconnected");
      // Not tried again before its wait is over; the healthy mailbox goes on.
      second.deliver(mail("s2", "Any update on the quote?", {}, "Lee <lee@example.com>"));
      expect(await pollEmailChannels(t.services, new Date(now.getTime() + POLL_INTERVAL_MS))).toMatchObject({
        polled: 1,
        failed: 0,
        stored: 1,
      });
      // Reconnected with the right password: it reads what waited.
      expect((await connect(server, accountId)).statusCode).toBe(200);
      expect(await pollEmailChannels(t.services, new Date(now.getTime() + 2 * POLL_INTERVAL_MS))).toMatchObject({ failed: 0, stored: 1 });
    } finally {
      await second.close();
    }
  });

  it("stores a huge mail whole and shows it cut", async () => {
    const body = `Please read all of this. ${"My luggage went to the wrong airport and nobody told me anything at all. ".repeat(4000)}`;
    server.deliver(mail("huge", body));
    await pollEmailChannels(t.services);
    const [stored] = await messages();
    expect(stored?.text.trim().length).toBe(body.trim().length);
    const [conversation] = await conversations();
    const view = (await admin.get(`/api/inbox/conversations/${conversation?.id}`)).json();
    expect(view.messages[0]).toMatchObject({ truncated: true, length: stored?.text.length });
  });
});
