import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isConnectorError } from "../../errors.js";
import { type MailSettings, readMailbox, sendEmail, verifyMailbox } from "../index.js";
import { bareSubject, visibleReply } from "../quotes.js";
import { startTestMailServer, type TestMailServer } from "./mailServer.js";

const mail = (id: string, body: string, headers: Record<string, string> = {}) =>
  [
    "From: Jo Traveller <Jo@Example.org>",
    "To: support@acme.example",
    `Subject: ${headers.Subject ?? "Lost bag"}`,
    `Message-ID: <${id}@example.org>`,
    "Date: Mon, 23 Nov 2026 10:00:00 +0000",
    ...Object.entries(headers)
      .filter(([k]) => k !== "Subject")
      .map(([k, v]) => `${k}: ${v}`),
    "",
    body,
  ].join("\r\n");

describe("email connector against a real IMAP and SMTP server", () => {
  let server: TestMailServer;
  let settings: MailSettings;

  beforeEach(async () => {
    server = await startTestMailServer();
    settings = {
      address: server.user,
      username: server.user,
      imap: { ...server.imap, security: "none" },
      smtp: { ...server.smtp, security: "none" },
    };
  });
  afterEach(async () => {
    await server.close();
  });

  it("reads what arrived since its cursor, oldest first, with the thread's headers", async () => {
    server.deliver(mail("a1", "My bag never arrived."));
    server.deliver(
      mail("a2", "Still nothing.\n\nOn Mon, 23 Nov 2026, Acme <support@acme.example> wrote:\n> We are looking into it.\n", {
        Subject: "Re: Lost bag",
        "In-Reply-To": "<ours@acme.example>",
        References: "<a1@example.org> <ours@acme.example>",
      }),
    );
    const first = await readMailbox(settings, server.password, null);
    expect(first.resynced).toBe(true);
    expect(first.items.map((i) => i.messageId)).toEqual(["<a1@example.org>", "<a2@example.org>"]);
    const reply = first.items[1];
    expect(reply).toMatchObject({
      inReplyTo: "<ours@acme.example>",
      references: ["<a1@example.org>", "<ours@acme.example>"],
      subject: "Re: Lost bag",
      from: { address: "jo@example.org", name: "Jo Traveller" },
    });
    // Stored whole; classified without the quote.
    expect(reply?.text).toContain("> We are looking into it.");
    expect(reply?.visibleText).toBe("Lost bag\nStill nothing.");
    const again = await readMailbox(settings, server.password, first.cursor);
    expect(again.items).toEqual([]);
    expect(again.cursor).toEqual(first.cursor);
    server.deliver(mail("a3", "Hello?"));
    const third = await readMailbox(settings, server.password, again.cursor);
    expect(third.items.map((i) => i.messageId)).toEqual(["<a3@example.org>"]);
    expect(third.cursor.lastUid).toBe(3);
  });

  it("pages with a limit, and reads the mailbox again when its UIDVALIDITY changes", async () => {
    for (let i = 0; i < 5; i++) server.deliver(mail(`m${i}`, `message ${i}`));
    const page = await readMailbox(settings, server.password, null, { limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.more).toBe(true);
    const rest = await readMailbox(settings, server.password, page.cursor, { limit: 3 });
    expect(rest.items.map((i) => i.messageId)).toEqual(["<m3@example.org>", "<m4@example.org>"]);
    expect(rest.more).toBe(false);
    server.renumber();
    const resync = await readMailbox(settings, server.password, rest.cursor, { limit: 10 });
    expect(resync.resynced).toBe(true);
    expect(resync.items).toHaveLength(5);
    expect(resync.cursor.uidValidity).not.toBe(rest.cursor.uidValidity);
  });

  it("gives a message without a Message-ID a stable one, and reads a huge message whole", async () => {
    server.deliver("From: a@example.org\r\nSubject: no id\r\n\r\nhello");
    const big = "All work and no play makes Jack a dull boy. ".repeat(12_000);
    server.deliver(mail("big", big));
    const { items } = await readMailbox(settings, server.password, null);
    expect(items[0]?.messageId).toMatch(/^<[0-9a-f]{32}@switchboard\.invalid>$/);
    expect((await readMailbox(settings, server.password, null)).items[0]?.messageId).toBe(items[0]?.messageId);
    expect(items[1]?.text.trim().length).toBe(big.trim().length);
    expect(items[1]?.text.trim() === big.trim()).toBe(true);
  });

  it("reports a refused password as auth_expired, on IMAP and on SMTP", async () => {
    const imap = await readMailbox(settings, "wrong password", null).catch((e: unknown) => e);
    expect(isConnectorError(imap, "auth_expired")).toBe(true);
    expect(String((imap as Error).message)).not.toContain("wrong password");
    await expect(verifyMailbox(settings, server.password)).resolves.toMatchObject({ handle: server.user });
    const smtp = await sendEmail(settings, "wrong password", {
      to: "jo@example.org",
      subject: "x",
      text: "x",
      messageId: "<x@acme.example>",
      inReplyTo: null,
      references: [],
    }).catch((e: unknown) => e);
    expect(isConnectorError(smtp, "auth_expired")).toBe(true);
    const down = await readMailbox({ ...settings, imap: { ...settings.imap, port: 1 } }, server.password, null).catch((e: unknown) => e);
    expect(isConnectorError(down, "unavailable")).toBe(true);
  });

  it("sends a reply with our Message-ID, In-Reply-To and References", async () => {
    await sendEmail(settings, server.password, {
      to: "jo@example.org",
      subject: "Re: Lost bag",
      text: "We found it.",
      messageId: "<r1@acme.example>",
      inReplyTo: "<a2@example.org>",
      references: ["<a1@example.org>", "<a2@example.org>"],
    });
    expect(server.sent).toHaveLength(1);
    const [sent] = server.sent;
    expect(sent?.to).toEqual(["jo@example.org"]);
    expect(sent?.raw).toMatch(/^Message-ID: <r1@acme\.example>\r?$/im);
    expect(sent?.raw).toMatch(/^In-Reply-To: <a2@example\.org>\r?$/im);
    expect(sent?.raw).toMatch(/^References: <a1@example\.org> <a2@example\.org>\r?$/im);
    expect(sent?.raw).toMatch(/^From: support@acme\.example\r?$/im);
  });

  it("trims quoted replies and subject prefixes", () => {
    expect(visibleReply("Thanks!\n\n-----Original Message-----\nFrom: x\n\nold")).toBe("Thanks!");
    expect(visibleReply("> only a quote")).toBe("> only a quote");
    expect(bareSubject("Re: AW: Fwd: Lost bag")).toBe("Lost bag");
  });
});
