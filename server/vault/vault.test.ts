import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../test/helpers/databases.js";
import { dumpDatabase } from "../../test/helpers/dumpDatabase.js";
import { systemActor } from "../audit/context.js";
import { loadConfig } from "../config.js";
import { migrateToLatest } from "../db/migrate.js";
import { seal } from "./cipher.js";
import { Keyring } from "./keyring.js";
import { reencryptAll } from "./rotateKey.js";
import { listSecretMeta, putSecret, readSecret } from "./secrets.js";

const owner = (id: string) => ({ type: "account" as const, id });

describe.each(DIALECTS)("vault on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.dispose();
  });

  const managed = () => Keyring.open(loadConfig({ DATA_DIR: database.dataDir }).vault);

  it("generates a key file on first run, encrypts with a fresh nonce, and never stores plain text", async () => {
    const { keyring, warning } = managed();
    expect(warning).toMatch(/Back it up/);
    expect(Keyring.open(loadConfig({ DATA_DIR: database.dataDir }).vault).warning).toBeUndefined();
    const secrets = {
      access_token: `tok-${randomBytes(12).toString("hex")}`,
      refresh_token: `ref-${randomBytes(12).toString("hex")}`,
      app_password: "abcd-efgh-ijkl-mnop",
    } as const;
    for (const [kind, value] of Object.entries(secrets))
      await putSecret(database.db, keyring, owner("a1"), kind as keyof typeof secrets, value);
    await putSecret(database.db, keyring, owner("a2"), "access_token", secrets.access_token);

    for (const [kind, value] of Object.entries(secrets))
      expect(await readSecret(database.db, keyring, owner("a1"), kind as keyof typeof secrets)).toBe(value);
    const rows = await database.db.selectFrom("vault_secrets").selectAll().execute();
    expect(new Set(rows.map((r) => r.nonce)).size).toBe(rows.length);
    expect(rows.every((r) => r.key_id === keyring.active().id)).toBe(true);
    const dump = await dumpDatabase(database.db);
    expect(dump).toContain("vault_secrets");
    for (const value of Object.values(secrets)) {
      expect(dump).not.toContain(value);
      expect(dump).not.toContain(Buffer.from(value).toString("base64"));
    }
    expect((await listSecretMeta(database.db, owner("a1"))).map((m) => m.kind)).toEqual(["access_token", "app_password", "refresh_token"]);
  });

  it("refuses a tampered ciphertext and one moved onto another owner", async () => {
    const { keyring } = managed();
    await putSecret(database.db, keyring, owner("a1"), "access_token", "secret-one");
    await putSecret(database.db, keyring, owner("a2"), "access_token", "secret-two");
    const a1 = await database.db.selectFrom("vault_secrets").selectAll().where("owner_id", "=", "a1").executeTakeFirstOrThrow();
    await database.db
      .updateTable("vault_secrets")
      .set({ nonce: a1.nonce, ciphertext: a1.ciphertext })
      .where("owner_id", "=", "a2")
      .execute();
    await expect(readSecret(database.db, keyring, owner("a2"), "access_token")).rejects.toThrow(/failed authentication/);
    const flipped = Buffer.from(a1.ciphertext, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await database.db
      .updateTable("vault_secrets")
      .set({ ciphertext: flipped.toString("base64") })
      .where("owner_id", "=", "a1")
      .execute();
    await expect(readSecret(database.db, keyring, owner("a1"), "access_token")).rejects.toThrow(/failed authentication/);
  });

  it("rotates a managed key: everything re-encrypted, old key kept for decryption, a running server follows", async () => {
    const { keyring } = managed();
    const running = managed().keyring; // another process holding the same key file
    for (let i = 0; i < 25; i++) await putSecret(database.db, keyring, owner(`a${i}`), "access_token", `value-${i}`);
    const oldId = keyring.active().id;
    const fresh = keyring.rotateManagedKey();
    expect(fresh.id).not.toBe(oldId);
    expect(
      readFileSync(path.join(database.dataDir, "vault.key"), "utf8")
        .split("\n")
        .filter((l) => l && !l.startsWith("#")),
    ).toHaveLength(2);
    const progress: number[] = [];
    const result = await reencryptAll(database.db, keyring, systemActor("test"), (p) => progress.push(p.done));
    expect(result).toEqual({ reencrypted: 25, activeKeyId: fresh.id });
    expect(progress.at(-1)).toBe(25);
    const keyIds = await database.db.selectFrom("vault_secrets").select("key_id").distinct().execute();
    expect(keyIds.map((k) => k.key_id)).toEqual([fresh.id]);
    // The other process has never seen the new key; it picks it up on demand.
    expect(await readSecret(database.db, running, owner("a7"), "access_token")).toBe("value-7");
    expect((await reencryptAll(database.db, keyring, systemActor("test"))).reencrypted).toBe(0);
    const audit = await sql<{ action: string }>`select action from audit_events`.execute(database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(["vault.reencrypted", "vault.reencrypted"]);
  });

  it("rotates an operator-given key: VAULT_KEY new, VAULT_PREVIOUS_KEYS old", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("hex");
    const before = Keyring.open(loadConfig({ VAULT_KEY: oldKey }).vault).keyring;
    await putSecret(database.db, before, owner("a1"), "api_key", "k-1");
    const after = Keyring.open(loadConfig({ VAULT_KEY: newKey, VAULT_PREVIOUS_KEYS: oldKey }).vault).keyring;
    expect(await readSecret(database.db, after, owner("a1"), "api_key")).toBe("k-1");
    expect((await reencryptAll(database.db, after, systemActor("test"))).reencrypted).toBe(1);
    const onlyNew = Keyring.open(loadConfig({ VAULT_KEY: newKey }).vault).keyring;
    expect(await readSecret(database.db, onlyNew, owner("a1"), "api_key")).toBe("k-1");
    expect(() => onlyNew.rotateManagedKey()).toThrow(/VAULT_KEY/);
    const sealed = seal(before, "x", "aad");
    expect(sealed.keyId).toBe(before.active().id);
  });

  it("reports a bad VAULT_KEY without echoing it", () => {
    expect(() => loadConfig({ VAULT_KEY: "hunter2" })).toThrow(/VAULT_KEY: must be 32 bytes/);
    try {
      loadConfig({ VAULT_KEY: "hunter2" });
    } catch (err) {
      expect(String(err)).not.toContain("hunter2");
    }
  });
});
