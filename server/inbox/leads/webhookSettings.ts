import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { badRequest } from "../../errors.js";
import type { Keyring } from "../../vault/keyring.js";
import { deleteSecrets, putSecret, readSecret } from "../../vault/secrets.js";
import { checkWebhookUrl, shownWebhookUrl } from "../crisis/webhooks/saveWebhook.js";

const KEY = "lead_webhook";
export const LEAD_SECRET_OWNER = { type: "lead_webhook" as const, id: "sales" };

/** Where leads go: sales' receiving URL. Its signing secret is in the vault and never shown. */
export interface LeadWebhook {
  url: string;
  enabled: boolean;
}

export async function readLeadWebhook(db: Database): Promise<LeadWebhook | undefined> {
  const row = await db.selectFrom("inbox_settings").select("value").where("key", "=", KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as LeadWebhook) : undefined;
}

export async function leadWebhookSecret(db: Database, keyring: Keyring): Promise<string | undefined> {
  return readSecret(db, keyring, LEAD_SECRET_OWNER, "signing_secret");
}

/** What the settings show: the URL, whether it is on, and whether a secret is set (never the secret). */
export async function leadWebhookView(db: Database) {
  const hook = await readLeadWebhook(db);
  const secret = await db
    .selectFrom("vault_secrets")
    .select("kind")
    .where("owner_type", "=", LEAD_SECRET_OWNER.type)
    .where("owner_id", "=", LEAD_SECRET_OWNER.id)
    .executeTakeFirst();
  return { url: hook?.url ?? null, enabled: hook?.enabled ?? false, hasSecret: secret !== undefined };
}

/**
 * Sets the sales webhook (URL, on or off, and a new signing secret when given: required the first
 * time). The secret goes to the vault in the same transaction; the audit shows the URL's origin and
 * that the secret changed, never the secret.
 */
export async function saveLeadWebhook(
  db: Database,
  keyring: Keyring,
  audit: AuditActor,
  input: { url: string; enabled: boolean; secret?: string | undefined },
) {
  const url = checkWebhookUrl(input.url);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await readLeadWebhook(trx);
    const hasSecret = (await readSecret(trx, keyring, LEAD_SECRET_OWNER, "signing_secret")) !== undefined;
    if (!input.secret && !hasSecret)
      throw badRequest("webhook_secret_required", "Give the webhook a signing secret (at least 24 characters).");
    const changes: Record<string, [unknown, unknown]> = {};
    if (before?.url !== url)
      changes.url = [before ? shownWebhookUrl(before.url) : null, `${shownWebhookUrl(url)}${before ? " (changed)" : ""}`];
    if ((before?.enabled ?? false) !== input.enabled) changes.enabled = [before?.enabled ?? false, input.enabled];
    if (input.secret) {
      await putSecret(trx, keyring, LEAD_SECRET_OWNER, "signing_secret", input.secret);
      changes.secret = [hasSecret ? "(kept in the vault)" : null, "(replaced)"];
    }
    if (Object.keys(changes).length === 0) return;
    const value = JSON.stringify({ url, enabled: input.enabled } satisfies LeadWebhook);
    await trx
      .insertInto("inbox_settings")
      .values({ key: KEY, value, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.lead_webhook.saved",
      targetType: "inbox_settings",
      targetId: KEY,
      summary: `Leads go to ${shownWebhookUrl(url)}${input.enabled ? "" : " (switched off)"}`,
      changes,
    });
  });
}

/** Removes the sales webhook and its secret. */
export async function deleteLeadWebhook(db: Database, audit: AuditActor) {
  await db.transaction().execute(async (trx) => {
    const before = await readLeadWebhook(trx);
    if (!before) return;
    await trx.deleteFrom("inbox_settings").where("key", "=", KEY).execute();
    await deleteSecrets(trx, LEAD_SECRET_OWNER);
    await recordAudit(trx, audit, {
      action: "inbox.lead_webhook.deleted",
      targetType: "inbox_settings",
      targetId: KEY,
      summary: `Leads no longer go to ${shownWebhookUrl(before.url)}`,
      changes: { url: [shownWebhookUrl(before.url), null] },
    });
  });
}
