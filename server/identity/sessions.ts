import { randomUUID } from "node:crypto";
import type { Database } from "../db/database.js";
import { prepared } from "../db/preparedQuery.js";
import { type ActiveUser, activeUserFrom, USER_COLUMNS } from "./activeUser.js";
import { randomToken, sha256 } from "./secrets.js";

export interface SessionSettings {
  idleMs: number;
  maxMs: number;
}

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Server-side sessions: the cookie holds a random token, the database only
 * its hash. Each session has its own CSRF token, also stored hashed.
 */
export async function createSession(
  db: Database,
  settings: SessionSettings,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = Date.now();
  const session = {
    id: randomUUID(),
    token_hash: sha256(token),
    csrf_hash: sha256(csrfToken),
    user_id: userId,
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
    created_at: new Date(now).toISOString(),
    last_seen_at: new Date(now).toISOString(),
    expires_at: new Date(now + settings.idleMs).toISOString(),
    max_expires_at: new Date(now + settings.maxMs).toISOString(),
    revoked_at: null,
  };
  await db.insertInto("sessions").values(session).execute();
  return { id: session.id, token, csrfToken, expiresAt: session.expires_at };
}

export type SessionLookup = { status: "valid"; sessionId: string; csrfHash: string; user: ActiveUser } | { status: "expired" | "unknown" };

// Touching every request would turn reads into writes; once a minute is plenty.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * One query finds the session, its user and the user's roles: this runs on
 * every signed-in request, so it is compiled once.
 */
const sessionWithUser = prepared(1, (db, tokenHash: string) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("user_roles", "user_roles.user_id", "users.id")
    .select([
      "sessions.id",
      "sessions.csrf_hash",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.max_expires_at",
      "sessions.revoked_at",
      "user_roles.role",
      ...USER_COLUMNS,
    ])
    .where("sessions.token_hash", "=", tokenHash),
);

export async function resolveSession(db: Database, settings: SessionSettings, token: string): Promise<SessionLookup> {
  const rows = await sessionWithUser(db, sha256(token));
  const row = rows[0];
  if (!row) return { status: "unknown" };
  const now = Date.now();
  if (row.revoked_at !== null || Date.parse(row.expires_at) <= now || Date.parse(row.max_expires_at) <= now) {
    return { status: "expired" };
  }
  const user = activeUserFrom(rows);
  if (!user) return { status: "expired" };
  if (now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    const expires = Math.min(now + settings.idleMs, Date.parse(row.max_expires_at));
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now).toISOString(), expires_at: new Date(expires).toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  return { status: "valid", sessionId: row.id, csrfHash: row.csrf_hash, user };
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: new Date().toISOString() })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
}
