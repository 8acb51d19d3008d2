import type { Database } from "../db/database.js";

/** Ends every session and API token of a user; the caller records the audit event. */
export async function revokeAllCredentials(
  db: Database,
  userId: string,
  options: { exceptSessionId?: string } = {},
): Promise<{ sessions: number; tokens: number }> {
  const now = new Date().toISOString();
  let sessionsQuery = db.updateTable("sessions").set({ revoked_at: now }).where("user_id", "=", userId).where("revoked_at", "is", null);
  if (options.exceptSessionId) sessionsQuery = sessionsQuery.where("id", "!=", options.exceptSessionId);
  const sessions = await sessionsQuery.executeTakeFirst();
  const tokens = options.exceptSessionId
    ? { numUpdatedRows: 0n }
    : await db
        .updateTable("api_tokens")
        .set({ revoked_at: now })
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
  return { sessions: Number(sessions.numUpdatedRows), tokens: Number(tokens.numUpdatedRows) };
}
