import { type MailSettings, verifyMailbox } from "../../../connectors/email/index.js";
import { isConnectorError } from "../../../connectors/errors.js";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import { markConnected } from "../../connections/connectionState.js";
import { saveCredentials } from "../../connections/credentials.js";
import { AppError, notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { loadMailSettings, saveMailSettings } from "./store.js";

/**
 * Connects an email channel: signs in to its IMAP and SMTP servers with the password, then keeps the
 * servers on the channel and the password (with the user name) in the vault. A refused password or a
 * server that cannot be reached is a 400 saying which, and nothing is stored. Audited (the servers;
 * never the password).
 */
export async function connectEmail(services: Services, actor: AuditActor, accountId: string, settings: MailSettings, password: string) {
  const { db, keyring } = services;
  const account = await db.selectFrom("accounts").select(["id", "network"]).where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", "account_not_found");
  if (account.network !== "email") throw new AppError(400, "not_email", "Only an email account is connected with mail servers.");
  let profile: Awaited<ReturnType<typeof verifyMailbox>>;
  try {
    profile = await verifyMailbox(settings, password);
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    const code = error.kind === "auth_expired" ? "mail_login_refused" : "mail_server_unreachable";
    throw new AppError(400, code, error.message);
  }
  const before = await loadMailSettings(db, accountId);
  await db.transaction().execute(async (trx) => {
    await saveMailSettings(trx, accountId, settings);
    await saveCredentials(trx, keyring, accountId, { accessToken: password, identifier: settings.username });
    await recordAudit(trx, actor, {
      action: "account.email_servers_saved",
      targetType: "account",
      targetId: accountId,
      summary: `Mail servers of ${settings.address}: IMAP ${settings.imap.host}:${settings.imap.port}, SMTP ${settings.smtp.host}:${settings.smtp.port}`,
      changes: { before: before ?? null, after: settings },
    });
    await markConnected(trx, actor, accountId, profile);
  });
}
