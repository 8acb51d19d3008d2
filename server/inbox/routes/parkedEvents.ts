import type { Database } from "../../db/database.js";

/** Events waiting for a person (not yet resolved), newest first, payloads parsed back to JSON where they are JSON. */
export async function listParkedEvents(db: Database, limit: number) {
  const rows = await db
    .selectFrom("inbox_parked_events")
    .select(["id", "source", "reason", "payload", "received_at"])
    .where("resolved_at", "is", null)
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, source: r.source, reason: r.reason, receivedAt: r.received_at, payload: parsed(r.payload) }));
}

/** A payload is kept as it came; one that is not JSON is shown as its text. */
const parsed = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
};
