import type { Database } from "../db/database.js";

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Return events older than this sequence number (pagination). */
  before?: number | undefined;
  limit: number;
}

export interface AuditEventView {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  changes: unknown;
  ip: string | null;
  requestId: string | null;
  hash: string;
}

/** Newest first; `nextBefore` continues the listing. */
export async function listAuditEvents(db: Database, f: AuditFilter): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
  let query = db
    .selectFrom("audit_events")
    .selectAll()
    .orderBy("seq", "desc")
    .limit(f.limit + 1);
  if (f.action) {
    // "user." matches every user action; a full name matches exactly.
    query = f.action.endsWith(".") ? query.where("action", "like", `${f.action}%`) : query.where("action", "=", f.action);
  }
  if (f.actorId) query = query.where("actor_id", "=", f.actorId);
  if (f.targetType) query = query.where("target_type", "=", f.targetType);
  if (f.targetId) query = query.where("target_id", "=", f.targetId);
  if (f.from) query = query.where("at", ">=", f.from);
  if (f.to) query = query.where("at", "<", f.to);
  if (f.before !== undefined) query = query.where("seq", "<", f.before);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn("lower", ["summary"]), "like", like), eb(eb.fn("lower", ["actor_label"]), "like", like)]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, f.limit);
  return {
    events: page.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      summary: r.summary,
      changes: r.changes === null ? null : JSON.parse(r.changes),
      ip: r.ip,
      requestId: r.request_id,
      hash: r.hash,
    })),
    nextBefore: rows.length > f.limit ? Number(page[page.length - 1]?.seq) : null,
  };
}

export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectFrom("audit_events").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}
