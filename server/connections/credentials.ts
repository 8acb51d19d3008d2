import type { Credentials } from "../../connectors/types.js";
import type { Database } from "../db/database.js";
import type { Keyring } from "../vault/keyring.js";
import { putSecret, readSecret } from "../vault/secrets.js";

const ownerOf = (accountId: string) => ({ type: "account" as const, id: accountId });

/** An account's credentials, decrypted for one connector call. */
export async function loadCredentials(db: Database, keyring: Keyring, accountId: string): Promise<Credentials | undefined> {
  // Side by side: on PostgreSQL these are four round trips, and the publish engine reads them per channel.
  const [accessToken, refreshToken, identifier, meta] = await Promise.all([
    readSecret(db, keyring, ownerOf(accountId), "access_token"),
    readSecret(db, keyring, ownerOf(accountId), "refresh_token"),
    readSecret(db, keyring, ownerOf(accountId), "identifier"),
    db
      .selectFrom("vault_secrets")
      .select(["kind", "expires_at"])
      .where("owner_type", "=", "account")
      .where("owner_id", "=", accountId)
      .execute(),
  ]);
  if (accessToken === undefined) return undefined;
  const expiry = (kind: string) => {
    const at = meta.find((m) => m.kind === kind)?.expires_at;
    return at ? new Date(at) : undefined;
  };
  const expiresAt = expiry("access_token");
  const refreshTokenExpiresAt = expiry("refresh_token");
  return {
    accessToken,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(identifier !== undefined ? { identifier } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(refreshTokenExpiresAt ? { refreshTokenExpiresAt } : {}),
  };
}

/** Stores credentials in the vault and the access token's expiry on the account (for health). */
export async function saveCredentials(db: Database, keyring: Keyring, accountId: string, credentials: Credentials): Promise<void> {
  const owner = ownerOf(accountId);
  await putSecret(db, keyring, owner, "access_token", credentials.accessToken, credentials.expiresAt?.toISOString() ?? null);
  if (credentials.identifier !== undefined) await putSecret(db, keyring, owner, "identifier", credentials.identifier);
  if (credentials.refreshToken !== undefined) {
    await putSecret(
      db,
      keyring,
      owner,
      "refresh_token",
      credentials.refreshToken,
      credentials.refreshTokenExpiresAt?.toISOString() ?? null,
    );
  }
  await db
    .updateTable("accounts")
    .set({ token_expires_at: credentials.expiresAt?.toISOString() ?? null, updated_at: new Date().toISOString() })
    .where("id", "=", accountId)
    .execute();
}
