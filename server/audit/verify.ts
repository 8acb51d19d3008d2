import type { Database } from "../db/database.js";
import { GENESIS_HASH, hashAuditEvent } from "./hash.js";

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first event that breaks the chain, and why. */
  firstBad?: { seq: number; reason: string };
}

const PAGE = 1000;

/**
 * Walks the chain in order and recomputes every hash. An edited row fails its
 * own hash; a deleted or reordered row breaks the sequence or the link to its
 * predecessor; a truncated tail disagrees with the head row.
 */
export async function verifyAuditLog(db: Database): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_events").selectAll().where("seq", ">=", expectedSeq).orderBy("seq").limit(PAGE).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, firstBad: { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${seq})` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBad: { seq, reason: "link to the previous event is broken" } };
      }
      const recomputed = hashAuditEvent({ ...row, seq });
      if (recomputed !== row.hash) {
        return { ok: false, checked, firstBad: { seq, reason: "content does not match its hash (edited)" } };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirst();
  if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      firstBad: {
        seq: expectedSeq,
        reason: `log ends at event ${expectedSeq - 1} but the head records ${head ? Number(head.seq) : "nothing"} (events removed from the end)`,
      },
    };
  }
  return { ok: true, checked };
}
