import { randomUUID } from "node:crypto";
import type { Database } from "../db/database.js";
import { open, seal } from "./cipher.js";
import type { Keyring } from "./keyring.js";

/** What a secret belongs to: an account's tokens, the app registered on a network, a crisis webhook's signing key. */
export interface SecretOwner {
  type: "account" | "network_app" | "crisis_webhook" | "lead_webhook" | "conversion_endpoint";
  id: string;
}

/** `identifier`: the user name an app password belongs to (WordPress), kept and erased with it. */
export const SECRET_KINDS = [
  "access_token",
  "refresh_token",
  "app_password",
  "api_key",
  "client_secret",
  "identifier",
  "signing_secret",
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** What the API may show about a secret: that it exists, never its value. */
export interface SecretMeta {
  kind: SecretKind;
  keyId: string;
  expiresAt: string | null;
  updatedAt: string;
}

const aadOf = (owner: SecretOwner, kind: SecretKind) => `${owner.type}:${owner.id}:${kind}`;

/** Stores (or replaces) one secret, encrypted under the active key. */
export async function putSecret(
  db: Database,
  keyring: Keyring,
  owner: SecretOwner,
  kind: SecretKind,
  value: string,
  expiresAt: string | null = null,
): Promise<void> {
  const sealed = seal(keyring, value, aadOf(owner, kind));
  const now = new Date().toISOString();
  await db
    .insertInto("vault_secrets")
    .values({
      id: randomUUID(),
      owner_type: owner.type,
      owner_id: owner.id,
      kind,
      key_id: sealed.keyId,
      nonce: sealed.nonce,
      ciphertext: sealed.ciphertext,
      expires_at: expiresAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["owner_type", "owner_id", "kind"]).doUpdateSet({
        key_id: sealed.keyId,
        nonce: sealed.nonce,
        ciphertext: sealed.ciphertext,
        expires_at: expiresAt,
        updated_at: now,
      }),
    )
    .execute();
}

/** Decrypts a secret for a connector call. The value must never be logged or returned by the API. */
export async function readSecret(db: Database, keyring: Keyring, owner: SecretOwner, kind: SecretKind): Promise<string | undefined> {
  const row = await db
    .selectFrom("vault_secrets")
    .select(["key_id", "nonce", "ciphertext"])
    .where("owner_type", "=", owner.type)
    .where("owner_id", "=", owner.id)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row) return undefined;
  return open(keyring, { keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext }, aadOf(owner, kind));
}

export async function listSecretMeta(db: Database, owner: SecretOwner): Promise<SecretMeta[]> {
  const rows = await db
    .selectFrom("vault_secrets")
    .select(["kind", "key_id", "expires_at", "updated_at"])
    .where("owner_type", "=", owner.type)
    .where("owner_id", "=", owner.id)
    .orderBy("kind")
    .execute();
  return rows.map((r) => ({ kind: r.kind as SecretKind, keyId: r.key_id, expiresAt: r.expires_at, updatedAt: r.updated_at }));
}

export async function deleteSecrets(db: Database, owner: SecretOwner): Promise<number> {
  const result = await db
    .deleteFrom("vault_secrets")
    .where("owner_type", "=", owner.type)
    .where("owner_id", "=", owner.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
