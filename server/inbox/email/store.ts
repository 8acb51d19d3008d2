import type { MailSecurity, MailSettings } from "../../../connectors/email/index.js";
import { loadCredentials } from "../../connections/credentials.js";
import type { Database } from "../../db/database.js";
import type { Keyring } from "../../vault/keyring.js";

/** An email channel's mail servers, as stored (no password: that is in the vault). */
export async function loadMailSettings(db: Database, accountId: string): Promise<MailSettings | undefined> {
  const row = await db.selectFrom("email_channels").selectAll().where("account_id", "=", accountId).executeTakeFirst();
  if (!row) return undefined;
  return {
    address: row.address,
    username: row.username,
    imap: { host: row.imap_host, port: Number(row.imap_port), security: row.imap_security as MailSecurity },
    smtp: { host: row.smtp_host, port: Number(row.smtp_port), security: row.smtp_security as MailSecurity },
  };
}

/** The settings and the password, for one call to the mail servers; undefined when the channel is not connected. */
export async function loadMailbox(
  db: Database,
  keyring: Keyring,
  accountId: string,
): Promise<{ settings: MailSettings; password: string } | undefined> {
  const [settings, credentials] = await Promise.all([loadMailSettings(db, accountId), loadCredentials(db, keyring, accountId)]);
  return settings && credentials ? { settings, password: credentials.accessToken } : undefined;
}

/** Saves (or replaces) a channel's mail servers; inside the caller's transaction. */
export async function saveMailSettings(db: Database, accountId: string, s: MailSettings): Promise<void> {
  const now = new Date().toISOString();
  const columns = {
    address: s.address,
    username: s.username,
    imap_host: s.imap.host,
    imap_port: s.imap.port,
    imap_security: s.imap.security,
    smtp_host: s.smtp.host,
    smtp_port: s.smtp.port,
    smtp_security: s.smtp.security,
    updated_at: now,
  };
  await db
    .insertInto("email_channels")
    .values({ account_id: accountId, ...columns, created_at: now })
    .onConflict((oc) => oc.column("account_id").doUpdateSet(columns))
    .execute();
}
