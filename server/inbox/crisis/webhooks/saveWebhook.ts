import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../../audit/context.js";
import { recordAudit } from "../../../audit/record.js";
import type { Database } from "../../../db/database.js";
import { badRequest, notFound } from "../../../errors.js";
import type { Keyring } from "../../../vault/keyring.js";
import { deleteSecrets, putSecret } from "../../../vault/secrets.js";

export interface WebhookInput {
  url: string;
  description: string;
  enabled: boolean;
  /** Required when creating; when updating, left out keeps the current one. */
  secret?: string | undefined;
}

const owner = (id: string) => ({ type: "crisis_webhook" as const, id });

/**
 * A webhook URL as the audit log and notices show it: its origin only. Chat tools' incoming webhooks
 * carry their token in the path, so the full URL is a secret of sorts; admins see it in the settings.
 */
export const shownWebhookUrl = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname === "/" && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
};

/** http(s) only, and no user:password in it. */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badRequest("webhook_url_invalid", "The webhook URL is not a valid URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw badRequest("webhook_url_invalid", "The webhook URL must start with https:// or http://.");
  if (url.username || url.password)
    throw badRequest(
      "webhook_url_has_credentials",
      "Leave the user name and password out of the URL: the signature authenticates each request.",
    );
  return url.toString();
}

/** Adds a webhook; its secret goes to the vault in the same transaction and is never shown again. */
export async function createWebhook(db: Database, keyring: Keyring, audit: AuditActor, input: WebhookInput): Promise<string> {
  const url = checkWebhookUrl(input.url);
  if (!input.secret) throw badRequest("webhook_secret_required", "Give the webhook a signing secret (at least 24 characters).");
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("inbox_crisis_webhooks")
      .values({
        id,
        url,
        description: input.description.trim(),
        enabled: input.enabled ? 1 : 0,
        created_by: audit.actorId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await putSecret(trx, keyring, owner(id), "signing_secret", input.secret as string);
    await recordAudit(trx, audit, {
      action: "inbox.crisis_webhook.created",
      targetType: "crisis_webhook",
      targetId: id,
      summary: `Added the crisis webhook ${shownWebhookUrl(url)}`,
      changes: { url: shownWebhookUrl(url), description: input.description.trim(), enabled: input.enabled },
    });
  });
  return id;
}

/** Changes a webhook; a new secret replaces the old one in the vault (the audit says it changed, not to what). */
export async function updateWebhook(db: Database, keyring: Keyring, audit: AuditActor, id: string, input: WebhookInput): Promise<void> {
  const url = checkWebhookUrl(input.url);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("inbox_crisis_webhooks").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw notFound("Webhook", "webhook_not_found");
    const after = { url, description: input.description.trim(), enabled: input.enabled ? 1 : 0 };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of ["description", "enabled"] as const) if (before[key] !== after[key]) changes[key] = [before[key], after[key]];
    if (before.url !== url) changes.url = [shownWebhookUrl(before.url), `${shownWebhookUrl(url)} (changed)`];
    if (input.secret) {
      await putSecret(trx, keyring, owner(id), "signing_secret", input.secret);
      changes.secret = ["(kept in the vault)", "(replaced)"];
    }
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable("inbox_crisis_webhooks")
      .set({ ...after, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.crisis_webhook.updated",
      targetType: "crisis_webhook",
      targetId: id,
      summary: `Changed the crisis webhook ${shownWebhookUrl(url)}`,
      changes,
    });
  });
}

/** Removes a webhook, its secret and its deliveries. */
export async function deleteWebhook(db: Database, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("inbox_crisis_webhooks").select(["url"]).where("id", "=", id).executeTakeFirst();
    if (!before) throw notFound("Webhook", "webhook_not_found");
    await trx.deleteFrom("inbox_crisis_webhook_deliveries").where("webhook_id", "=", id).execute();
    await trx.deleteFrom("inbox_crisis_webhooks").where("id", "=", id).execute();
    await deleteSecrets(trx, owner(id));
    await recordAudit(trx, audit, {
      action: "inbox.crisis_webhook.deleted",
      targetType: "crisis_webhook",
      targetId: id,
      summary: `Removed the crisis webhook ${shownWebhookUrl(before.url)}`,
    });
  });
}
