import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Credentials } from "../../connectors/types.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../test/helpers/databases.js";
import { createAccount } from "../accounts/saveAccount.js";
import { systemActor } from "../audit/context.js";
import { loadConfig } from "../config.js";
import { migrateToLatest } from "../db/migrate.js";
import { Keyring } from "../vault/keyring.js";
import { loadCredentials, saveCredentials } from "./credentials.js";
import { databaseTokenKeeper } from "./tokenKeeper.js";

describe.each(DIALECTS)("token refresh under a lock on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("refreshes once when many callers find the same expiring token, and never loses the rotated refresh token", async () => {
    const { keyring } = Keyring.open(loadConfig({ DATA_DIR: database.dataDir }).vault);
    const accountId = await createAccount(database.db, systemActor(), { network: "x", handle: "acme" });
    const stale = { accessToken: "access-1", refreshToken: "refresh-1", expiresAt: new Date(Date.now() + 1000) };
    await saveCredentials(database.db, keyring, accountId, stale);

    let calls = 0;
    const doRefresh = async (latest: Credentials) => {
      calls++;
      expect(latest.refreshToken).toBe("refresh-1");
      await new Promise((r) => setTimeout(r, 30));
      return { accessToken: "access-2", refreshToken: "refresh-2", expiresAt: new Date(Date.now() + 7_200_000) };
    };
    // Separate keepers stand for separate processes: only the database lock is shared.
    const results = await Promise.all(
      Array.from({ length: 5 }, () => databaseTokenKeeper(database.db, keyring, accountId).refresh(stale, doRefresh)),
    );
    expect(calls).toBe(1);
    expect(results.map((r) => r.refreshToken)).toEqual(Array(5).fill("refresh-2"));
    const stored = await loadCredentials(database.db, keyring, accountId);
    expect(stored).toMatchObject({ accessToken: "access-2", refreshToken: "refresh-2" });
    const account = await database.db.selectFrom("accounts").selectAll().executeTakeFirstOrThrow();
    expect(account.refresh_lock_owner).toBeNull();
    expect(Date.parse(account.token_expires_at ?? "")).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it("releases the lock when the refresh fails", async () => {
    const { keyring } = Keyring.open(loadConfig({ DATA_DIR: database.dataDir }).vault);
    const accountId = await createAccount(database.db, systemActor(), { network: "x", handle: "acme" });
    const stale = { accessToken: "a", refreshToken: "r" };
    await saveCredentials(database.db, keyring, accountId, stale);
    const keeper = databaseTokenKeeper(database.db, keyring, accountId);
    await expect(keeper.refresh(stale, async () => Promise.reject(new Error("revoked")))).rejects.toThrow("revoked");
    const next = await keeper.refresh(stale, async () => ({ accessToken: "b", refreshToken: "r2" }));
    expect(next.accessToken).toBe("b");
  });
});
