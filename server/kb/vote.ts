import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";

/** "Was this helpful?": one vote per person per article; voting again changes it. */
export async function voteOnArticle(db: Database, audit: AuditActor, articleId: string, userId: string, helpful: boolean): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("kb_votes")
      .select("helpful")
      .where("article_id", "=", articleId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const value = helpful ? 1 : 0;
    if (before?.helpful === value) return;
    await trx
      .insertInto("kb_votes")
      .values({ article_id: articleId, user_id: userId, helpful: value, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(["article_id", "user_id"]).doUpdateSet({ helpful: value, updated_at: now }))
      .execute();
    await recordAudit(trx, audit, {
      action: "kb.article_voted",
      targetType: "kb_article",
      targetId: articleId,
      summary: `Rated an article ${helpful ? "helpful" : "not helpful"}`,
      ...(before ? { changes: { helpful: [before.helpful === 1, helpful] } } : {}),
    });
  });
}
