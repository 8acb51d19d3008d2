import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** The little of hoodiecrow-imap's server these tests use (the package ships no types). */
interface HoodiecrowMailbox {
  uidvalidity: number;
  uidnext: number;
  messages: { uid: number; raw: string }[];
}
interface Hoodiecrow {
  listen(port: number, host: string, callback: () => void): void;
  close(callback: () => void): void;
  server: { address(): AddressInfo };
  users: Record<string, { password: string }>;
  getMailbox(path: string): HoodiecrowMailbox;
  appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): void;
}

const require = createRequire(import.meta.url);
const hoodiecrow = require("hoodiecrow-imap") as (options: object) => Hoodiecrow;

export interface SentMail {
  from: string;
  to: string[];
  /** The message as it arrived: headers and body. */
  raw: string;
}

export interface TestMailServer {
  imap: { host: string; port: number };
  smtp: { host: string; port: number };
  user: string;
  password: string;
  /** Delivers a message into the mailbox (as the mail server does when mail arrives). */
  deliver(raw: string, at?: Date): void;
  /** What Switchboard sent through the SMTP server (mail for other domains is kept here, not delivered). */
  sent: SentMail[];
  /** The mailbox was rebuilt: new UIDVALIDITY, messages numbered afresh. */
  renumber(): void;
  close(): Promise<void>;
}

/**
 * A real mail server on local ports for the tests: an IMAP server (hoodiecrow-imap, a scriptable IMAP4rev1
 * server made for client tests; the mailbox lives in memory) and an SMTP server (smtp-server) that
 * requires the same login. Mail to `user` is delivered into the IMAP mailbox; everything is kept in `sent`.
 */
export async function startTestMailServer(options: { user?: string; password?: string } = {}): Promise<TestMailServer> {
  const user = options.user ?? "support@acme.example";
  const password = options.password ?? "correct horse battery staple";
  const imap = hoodiecrow({
    plugins: ["ID", "IDLE", "UNSELECT", "ENABLE", "LITERALPLUS", "SASL-IR", "AUTH-PLAIN"],
    users: { [user]: { password } },
    storage: { INBOX: {}, "": {} },
  });
  await new Promise<void>((resolve) => imap.listen(0, "127.0.0.1", resolve));
  const deliver = (raw: string, at = new Date()) => imap.appendMessage("INBOX", [], at, raw.replace(/\r?\n/g, "\r\n"));
  const sent: SentMail[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const to = session.envelope.rcptTo.map((r) => r.address);
        sent.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to, raw });
        if (to.includes(user)) deliver(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return {
    imap: { host: "127.0.0.1", port: imap.server.address().port },
    smtp: { host: "127.0.0.1", port: (smtp.server.address() as AddressInfo).port },
    user,
    password,
    deliver,
    sent,
    renumber() {
      const inbox = imap.getMailbox("INBOX");
      inbox.uidvalidity += 1;
      inbox.messages.forEach((m, i) => {
        m.uid = i + 1;
      });
      inbox.uidnext = inbox.messages.length + 1;
    },
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => imap.close(() => resolve()));
    },
  };
}
