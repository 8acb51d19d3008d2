import { randomBytes } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import type { Keyring } from "../vault/keyring.js";
import { listSecretMeta, putSecret, readSecret, type SecretOwner } from "../vault/secrets.js";

/** The organisation's one conversion-signing secret lives in the vault under this owner. */
export const CONVERSION_SECRET_OWNER: SecretOwner = { type: "conversion_endpoint", id: "website" };

/** When the secret was made, never its value. */
export async function conversionSecretMeta(db: Database): Promise<{ configured: boolean; updatedAt: string | null }> {
  const meta = (await listSecretMeta(db, CONVERSION_SECRET_OWNER)).find((m) => m.kind === "signing_secret");
  return { configured: Boolean(meta), updatedAt: meta?.updatedAt ?? null };
}

export const readConversionSecret = (db: Database, keyring: Keyring) => readSecret(db, keyring, CONVERSION_SECRET_OWNER, "signing_secret");

/**
 * Makes a new signing secret (replacing any old one at once) and returns it this one time, for the
 * website's configuration. Audited without the value.
 */
export async function rotateConversionSecret(db: Database, keyring: Keyring, audit: AuditActor): Promise<string> {
  const secret = `sbcv_${randomBytes(32).toString("base64url")}`;
  await db.transaction().execute(async (trx) => {
    await putSecret(trx, keyring, CONVERSION_SECRET_OWNER, "signing_secret", secret);
    await recordAudit(trx, audit, {
      action: "analytics.conversion_secret_rotated",
      targetType: "analytics_settings",
      targetId: "1",
      summary: "Made a new signing secret for website conversions (the old one stops working)",
    });
  });
  return secret;
}
