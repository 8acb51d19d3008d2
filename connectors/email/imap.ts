import { ImapFlow } from "imapflow";
import { simpleParser } from "mailparser";
import { mailError } from "./errors.js";
import { type EmailItem, toEmailItem } from "./mapping.js";
import type { MailSettings } from "./settings.js";

/** How far back a mailbox is read when there is no cursor yet, or its UIDVALIDITY changed. */
export const RESYNC_DAYS = 14;
/** A message is read up to this size (text past the inbox's own cap is not kept anyway; attachments are never stored). */
const MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

/** Where reading stopped: the mailbox's UIDVALIDITY and the last UID read. Stored as `<uidvalidity>:<uid>`. */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export const formatCursor = (c: MailboxCursor) => `${c.uidValidity}:${c.lastUid}`;

export function parseCursor(text: string | null): MailboxCursor | null {
  const match = text ? /^(\d+):(\d+)$/.exec(text) : null;
  return match ? { uidValidity: match[1] as string, lastUid: Number(match[2]) } : null;
}

export interface MailboxPage {
  items: EmailItem[];
  cursor: MailboxCursor;
  /** More new messages wait than `limit` let through. */
  more: boolean;
  /** There was no cursor, or the mailbox's UIDVALIDITY changed: the last `RESYNC_DAYS` were read again. */
  resynced: boolean;
}

export function imapClient(settings: MailSettings, password: string): ImapFlow {
  const { imap } = settings;
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.security === "tls",
    // Never fall back to cleartext when STARTTLS was asked for; never try it when "none" was.
    doSTARTTLS: imap.security === "starttls" ? true : imap.security === "none" ? false : undefined,
    auth: { user: settings.username, pass: password },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableAutoIdle: true,
  });
}

/** Signs in and opens the INBOX read-only (reading never marks a message seen); always signs out. */
export async function withInbox<T>(
  settings: MailSettings,
  password: string,
  work: (client: ImapFlow, uidValidity: string, uidNext: number) => Promise<T>,
): Promise<T> {
  const client = imapClient(settings, password);
  // imapflow reports a dropped connection as an event as well; the failing call already throws.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen("INBOX", { readOnly: true });
    return await work(client, mailbox.uidValidity.toString(), mailbox.uidNext);
  } catch (error) {
    throw mailError(error, "IMAP");
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function parse(source: Buffer, uid: number, internalDate: Date | null): Promise<EmailItem> {
  try {
    return toEmailItem(await simpleParser(source), source, uid, internalDate);
  } catch {
    // A message mailparser cannot read must not stop the mailbox: it is kept as its raw text.
    return toEmailItem(
      { text: source.toString("utf8"), subject: "(unreadable message)" } as Parameters<typeof toEmailItem>[0],
      source,
      uid,
      internalDate,
    );
  }
}

/**
 * Reads the messages that arrived since `cursor`, oldest first, at most `limit`. Without a cursor, or
 * when the mailbox's UIDVALIDITY is no longer the cursor's (the server renumbered it), the last
 * `RESYNC_DAYS` are read again: what was stored before is recognised by its Message-ID downstream.
 */
export function readMailbox(
  settings: MailSettings,
  password: string,
  cursor: MailboxCursor | null,
  options: { limit?: number; now?: Date } = {},
): Promise<MailboxPage> {
  const limit = options.limit ?? 100;
  return withInbox(settings, password, async (client, uidValidity, uidNext) => {
    const resynced = cursor === null || cursor.uidValidity !== uidValidity;
    const since = new Date((options.now ?? new Date()).getTime() - RESYNC_DAYS * 86_400_000);
    const found = resynced
      ? await client.search({ since }, { uid: true })
      : // `n:*` always matches the newest message, even when its UID is below n.
        await client.search({ uid: `${(cursor as MailboxCursor).lastUid + 1}:*` }, { uid: true });
    const after = resynced ? 0 : (cursor as MailboxCursor).lastUid;
    const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
    const batch = uids.slice(0, limit);
    const items: EmailItem[] = [];
    if (batch.length > 0) {
      // Sizes first: a message past the cap is read only up to it, one by one; the rest whole, in one go.
      const sizes = new Map<number, number>();
      for await (const m of client.fetch(batch, { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);
      const huge = batch.filter((uid) => (sizes.get(uid) ?? 0) > MAX_MESSAGE_BYTES);
      const rest = batch.filter((uid) => !huge.includes(uid));
      const read = async (uids: number[], source: true | { maxLength: number }) => {
        for await (const message of client.fetch(uids, { uid: true, internalDate: true, source }, { uid: true })) {
          if (!message.source) continue;
          const internalDate = message.internalDate ? new Date(message.internalDate) : null;
          items.push(await parse(message.source, message.uid, internalDate));
        }
      };
      if (rest.length > 0) await read(rest, true);
      for (const uid of huge) await read([uid], { maxLength: MAX_MESSAGE_BYTES });
    }
    const lastUid = batch.length > 0 ? Math.max(...batch) : resynced ? Math.max(uidNext - 1, 0) : after;
    return { items: items.sort((a, b) => a.uid - b.uid), cursor: { uidValidity, lastUid }, more: uids.length > batch.length, resynced };
  });
}
