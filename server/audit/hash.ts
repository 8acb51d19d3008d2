import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an event's hash covers: everything but the hash itself. */
export interface HashedAuditFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  changes: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
}

/** sha256 over a fixed field order, so the same event always hashes the same. */
export function hashAuditEvent(e: HashedAuditFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_id,
    e.actor_label,
    e.action,
    e.target_type,
    e.target_id,
    e.summary,
    e.changes,
    e.ip,
    e.request_id,
    e.prev_hash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
