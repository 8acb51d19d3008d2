import { ConnectorError } from "../errors.js";
import type { Connector, Profile } from "../types.js";
import { withInbox } from "./imap.js";
import type { MailSettings } from "./settings.js";
import { verifySmtp } from "./smtp.js";

export { formatCursor, type MailboxCursor, type MailboxPage, parseCursor, readMailbox } from "./imap.js";
export type { EmailItem } from "./mapping.js";
export { DEFAULT_PORTS, type MailSecurity, type MailServer, type MailSettings } from "./settings.js";
export { type OutgoingEmail, sendEmail } from "./smtp.js";

/** Signs in to both servers (IMAP: opens the INBOX; SMTP: sends nothing); the profile is the address. */
export async function verifyMailbox(settings: MailSettings, password: string): Promise<Profile> {
  await withInbox(settings, password, async () => undefined);
  await verifySmtp(settings, password);
  return { externalId: settings.address, handle: settings.address, displayName: settings.address, url: null };
}

const settingsNeeded = () =>
  new ConnectorError(
    "rejected",
    "An email channel is connected and checked with its mail server settings (POST /api/accounts/:id/email), not with a password alone.",
    { network: "email" },
  );

/**
 * A mailbox, read over IMAP and answered over SMTP. Unlike the other networks its client needs the
 * mail servers, which the server keeps per channel (server/inbox/email): polling and replying call
 * `readMailbox` and `sendEmail` with them, so the generic client only explains that.
 */
export const emailConnector: Connector = {
  id: "email",
  displayName: "Email",
  selfHosted: false,
  capabilities: {
    publishText: false,
    publishMedia: false,
    publishThread: false,
    delete: false,
    // Read by the inbox's own IMAP poller (its cursor is the mailbox's UIDVALIDITY and last UID), not as mentions.
    readMentions: false,
    readComments: false,
    readDirectMessages: false,
    reply: true,
    metrics: false,
    search: false,
  },
  constraints: {
    text: { maxLength: 100_000, counting: "code-points", optional: false },
    media: { required: false, maxCount: 0, types: {} },
  },
  auth: { kind: "app_password" },
  rateLimits: {
    source: "quota",
    windows: [],
    notes:
      "Set by the mail provider (messages per day, connections per account); the inbox reads each mailbox once a minute with one connection.",
  },
  // A reply is not re-sent after an unknown outcome: a person checks the sent mail.
  reconciliation: { kind: "none" },
  createClient: () => ({
    verifyCredentials: () => Promise.reject(settingsNeeded()),
    publish: () => Promise.reject(settingsNeeded()),
  }),
};
