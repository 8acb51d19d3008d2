import { randomUUID } from "node:crypto";
import type { TokenKeeper } from "../../connectors/tokens.js";
import { sameCredentials } from "../../connectors/tokens.js";
import type { Credentials } from "../../connectors/types.js";
import type { Database } from "../db/database.js";
import type { Keyring } from "../vault/keyring.js";
import { loadCredentials, saveCredentials } from "./credentials.js";

const LOCK_MS = 30_000;
const POLL_MS = 50;

async function acquire(db: Database, accountId: string, owner: string): Promise<void> {
  const deadline = Date.now() + LOCK_MS + 5_000;
  for (;;) {
    const now = new Date().toISOString();
    // A conditional UPDATE: of several processes, exactly one takes the lock; an expired lock is taken over.
    const result = await db
      .updateTable("accounts")
      .set({ refresh_lock_owner: owner, refresh_lock_until: new Date(Date.now() + LOCK_MS).toISOString() })
      .where("id", "=", accountId)
      .where((eb) => eb.or([eb("refresh_lock_until", "is", null), eb("refresh_lock_until", "<", now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return;
    if (Date.now() > deadline) throw new Error("timed out waiting for another process to refresh this account's tokens");
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function release(db: Database, accountId: string, owner: string): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ refresh_lock_owner: null, refresh_lock_until: null })
    .where("id", "=", accountId)
    .where("refresh_lock_owner", "=", owner)
    .execute();
}

/**
 * The server's TokenKeeper: refreshes under a per-account lock held in the
 * database, so two processes never spend the same rotating refresh token, and
 * a rotated token is stored before anyone else can read the old one.
 */
export function databaseTokenKeeper(db: Database, keyring: Keyring, accountId: string): TokenKeeper {
  return {
    async refresh(stale: Credentials, doRefresh: (latest: Credentials) => Promise<Credentials>): Promise<Credentials> {
      const owner = randomUUID();
      await acquire(db, accountId, owner);
      try {
        const stored = await loadCredentials(db, keyring, accountId);
        if (!stored) throw new Error("the account has no stored credentials");
        // Someone refreshed while we waited: use theirs.
        if (!sameCredentials(stored, stale)) return stored;
        const next = await doRefresh(stored);
        await saveCredentials(db, keyring, accountId, next);
        return next;
      } finally {
        await release(db, accountId, owner);
      }
    },
  };
}
