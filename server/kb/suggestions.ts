import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";

/**
 * A suggestion session: while someone describes a problem on the request form, the articles shown
 * to them, the ones they opened, and how it ended: "this solved it", or a request filed anyway.
 * The help desk reads these for deflection; a person who files the same request type within
 * DEFLECTION_WINDOW_DAYS after "this solved it" counts as not deflected (see solvedSessionsSince).
 */
export const DEFLECTION_WINDOW_DAYS = 7;

export interface SuggestionSession {
  id: string;
  userId: string;
  requestType: string | null;
  query: string;
  shown: string[];
  clicked: string[];
  solvedArticleId: string | null;
  solvedAt: string | null;
  requestId: string | null;
  requestFiledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: string;
  user_id: string;
  request_type: string | null;
  query: string;
  shown: string;
  clicked: string;
  solved_article_id: string | null;
  solved_at: string | null;
  request_id: string | null;
  request_filed_at: string | null;
  created_at: string;
  updated_at: string;
};

const toSession = (r: Row): SuggestionSession => ({
  id: r.id,
  userId: r.user_id,
  requestType: r.request_type,
  query: r.query,
  shown: JSON.parse(r.shown) as string[],
  clicked: JSON.parse(r.clicked) as string[],
  solvedArticleId: r.solved_article_id,
  solvedAt: r.solved_at,
  requestId: r.request_id,
  requestFiledAt: r.request_filed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const merge = (list: string[], more: readonly string[]) => [...new Set([...list, ...more])];

/** The session, if it is this person's: another's is reported as not found, revealing nothing. */
async function ownSession(db: Database, sessionId: string, userId: string): Promise<SuggestionSession> {
  const row = await db
    .selectFrom("kb_suggestion_sessions")
    .selectAll()
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound("Suggestion session", "kb_session_not_found");
  return toSession(row);
}

export async function getSuggestionSession(db: Database, sessionId: string, userId: string): Promise<SuggestionSession> {
  return ownSession(db, sessionId, userId);
}

export async function startSuggestionSession(
  db: Database,
  audit: AuditActor,
  userId: string,
  input: { query: string; shown: readonly string[]; requestType?: string | undefined },
): Promise<SuggestionSession> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("kb_suggestion_sessions")
      .values({
        id,
        user_id: userId,
        request_type: input.requestType ?? null,
        query: input.query,
        shown: JSON.stringify(merge([], input.shown)),
        clicked: "[]",
        solved_article_id: null,
        solved_at: null,
        request_id: null,
        request_filed_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: "kb.suggestions_shown",
      targetType: "kb_suggestion_session",
      targetId: id,
      summary: `Suggested ${input.shown.length} article(s)`,
    });
  });
  return ownSession(db, id, userId);
}

/** What the person typed next and what that showed (added to what was shown before). */
export async function updateSuggestionSession(
  db: Database,
  audit: AuditActor,
  sessionId: string,
  userId: string,
  input: { query?: string | undefined; shown?: readonly string[] | undefined; requestType?: string | undefined },
): Promise<SuggestionSession> {
  await db.transaction().execute(async (trx) => {
    const session = await ownSession(trx, sessionId, userId);
    await trx
      .updateTable("kb_suggestion_sessions")
      .set({
        query: input.query ?? session.query,
        shown: JSON.stringify(merge(session.shown, input.shown ?? [])),
        request_type: input.requestType ?? session.requestType,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", sessionId)
      .execute();
    await recordAudit(trx, audit, {
      action: "kb.suggestions_shown",
      targetType: "kb_suggestion_session",
      targetId: sessionId,
      summary: `Suggested ${input.shown?.length ?? 0} more article(s)`,
    });
  });
  return ownSession(db, sessionId, userId);
}

export async function markSuggestionClicked(
  db: Database,
  audit: AuditActor,
  sessionId: string,
  userId: string,
  articleId: string,
): Promise<SuggestionSession> {
  await db.transaction().execute(async (trx) => {
    const session = await ownSession(trx, sessionId, userId);
    await trx
      .updateTable("kb_suggestion_sessions")
      .set({ clicked: JSON.stringify(merge(session.clicked, [articleId])), updated_at: new Date().toISOString() })
      .where("id", "=", sessionId)
      .execute();
    await recordAudit(trx, audit, {
      action: "kb.suggestion_clicked",
      targetType: "kb_suggestion_session",
      targetId: sessionId,
      summary: "Opened a suggested article",
      changes: { articleId },
    });
  });
  return ownSession(db, sessionId, userId);
}

/** "This solved it" (optionally naming the article that did). */
export async function markSuggestionSolved(
  db: Database,
  audit: AuditActor,
  sessionId: string,
  userId: string,
  articleId: string | null,
): Promise<SuggestionSession> {
  await db.transaction().execute(async (trx) => {
    await ownSession(trx, sessionId, userId);
    await trx
      .updateTable("kb_suggestion_sessions")
      .set({ solved_article_id: articleId, solved_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .where("id", "=", sessionId)
      .execute();
    await recordAudit(trx, audit, {
      action: "kb.suggestion_solved",
      targetType: "kb_suggestion_session",
      targetId: sessionId,
      summary: "Said a suggested article solved the problem",
      ...(articleId ? { changes: { articleId } } : {}),
    });
  });
  return ownSession(db, sessionId, userId);
}

/**
 * For the requests feature: the person filed a request anyway. Call it with the transaction that
 * creates the request, so both commit together; the session must be the requester's.
 */
export async function markRequestFiled(
  trx: Database,
  audit: AuditActor,
  sessionId: string,
  userId: string,
  request: { id: string; type?: string },
): Promise<void> {
  const session = await ownSession(trx, sessionId, userId);
  const now = new Date().toISOString();
  await trx
    .updateTable("kb_suggestion_sessions")
    .set({ request_id: request.id, request_filed_at: now, request_type: request.type ?? session.requestType, updated_at: now })
    .where("id", "=", sessionId)
    .execute();
  await recordAudit(trx, audit, {
    action: "kb.suggestion_request_filed",
    targetType: "kb_suggestion_session",
    targetId: sessionId,
    summary: "Filed a request after seeing suggestions",
    changes: { requestId: request.id },
  });
}

/**
 * This person's "this solved it" sessions for a request type since a time: a new request of that
 * type within DEFLECTION_WINDOW_DAYS of one of them means the article did not really solve it.
 */
export async function solvedSessionsSince(db: Database, userId: string, requestType: string, since: string): Promise<SuggestionSession[]> {
  const rows = await db
    .selectFrom("kb_suggestion_sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("request_type", "=", requestType)
    .where("solved_at", ">=", since)
    .orderBy("solved_at", "desc")
    .execute();
  return rows.map(toSession);
}
