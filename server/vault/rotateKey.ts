import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { open, seal } from "./cipher.js";
import type { Keyring } from "./keyring.js";

const BATCH = 200;

export interface RotationProgress {
  done: number;
  total: number;
}

/**
 * Re-encrypts every secret that is not under the active key, in small
 * batches, each row updated only if it did not change meanwhile. The server
 * keeps serving throughout: old keys still decrypt until every row moved.
 */
export async function reencryptAll(
  db: Database,
  keyring: Keyring,
  actor: AuditActor,
  onProgress: (p: RotationProgress) => void = () => undefined,
): Promise<{ reencrypted: number; activeKeyId: string }> {
  const active = keyring.active();
  const count = await db
    .selectFrom("vault_secrets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("key_id", "!=", active.id)
    .executeTakeFirstOrThrow();
  const total = Number(count.n);
  let done = 0;
  for (;;) {
    const rows = await db.selectFrom("vault_secrets").selectAll().where("key_id", "!=", active.id).orderBy("id").limit(BATCH).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const aad = `${row.owner_type}:${row.owner_id}:${row.kind}`;
      const plain = open(keyring, { keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext }, aad);
      const sealed = seal(keyring, plain, aad);
      await db
        .updateTable("vault_secrets")
        .set({ key_id: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext })
        .where("id", "=", row.id)
        .where("ciphertext", "=", row.ciphertext)
        .execute();
      done++;
    }
    onProgress({ done, total });
  }
  await recordAudit(db, actor, {
    action: "vault.reencrypted",
    summary: `Re-encrypted ${done} credential(s) under vault key ${active.id}`,
    changes: { activeKeyId: active.id, reencrypted: done },
  });
  return { reencrypted: done, activeKeyId: active.id };
}
