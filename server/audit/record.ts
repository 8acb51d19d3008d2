import type { Database } from "../db/database.js";
import type { AuditActor } from "./context.js";
import { hashAuditEvent } from "./hash.js";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  summary: string;
  /** What changed, as {field: [before, after]} or any small JSON value. Never secrets. */
  changes?: unknown;
}

/**
 * Appends one event to the hash chain. Call it inside the transaction that
 * makes the change, so the change and its record commit or fail together.
 * Bumping the head row first takes its row lock on PostgreSQL, which
 * serialises appenders across processes; SQLite has one writer anyway.
 */
export async function recordAudit(db: Database, actor: AuditActor, entry: AuditEntry): Promise<number> {
  const head = await db
    .updateTable("audit_head")
    .set((eb) => ({ seq: eb("seq", "+", 1) }))
    .where("id", "=", 1)
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
  const fields = {
    seq: Number(head.seq),
    at: new Date().toISOString(),
    actor_id: actor.actorId,
    actor_label: actor.actorLabel,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    summary: entry.summary,
    changes: entry.changes === undefined ? null : JSON.stringify(entry.changes),
    ip: actor.ip,
    request_id: actor.requestId,
    prev_hash: head.hash,
  };
  const hash = hashAuditEvent(fields);
  await db
    .insertInto("audit_events")
    .values({ ...fields, hash })
    .execute();
  await db.updateTable("audit_head").set({ hash }).where("id", "=", 1).execute();
  return fields.seq;
}
