import { sql } from "kysely";
import type { DialectCapabilities } from "../db/capabilities.js";
import type { Database } from "../db/database.js";

/**
 * Keeps an article's text in the search index. PostgreSQL needs nothing: its tsvector is a generated
 * column of the row. SQLite's FTS5 table is written here, with the same transaction as the article.
 */
export async function indexArticle(
  trx: Database,
  capabilities: DialectCapabilities,
  article: { id: string; title: string; summary: string; bodyText: string },
): Promise<void> {
  if (capabilities.fullTextSearch !== "fts5") return;
  const row = await trx.selectFrom("kb_articles").select("search_rowid").where("id", "=", article.id).executeTakeFirstOrThrow();
  if (row.search_rowid !== null) {
    await sql`UPDATE kb_search SET title = ${article.title}, summary = ${article.summary}, body = ${article.bodyText} WHERE rowid = ${row.search_rowid}`.execute(
      trx,
    );
    return;
  }
  await sql`INSERT INTO kb_search (title, summary, body) VALUES (${article.title}, ${article.summary}, ${article.bodyText})`.execute(trx);
  // RETURNING does not report a virtual table's rowid; last_insert_rowid() does (same connection).
  const inserted = await sql<{ rowid: number }>`SELECT last_insert_rowid() AS rowid`.execute(trx);
  const rowid = Number(inserted.rows[0]?.rowid);
  await trx.updateTable("kb_articles").set({ search_rowid: rowid }).where("id", "=", article.id).execute();
}

/** Before the article row goes. */
export async function unindexArticle(trx: Database, capabilities: DialectCapabilities, articleId: string): Promise<void> {
  if (capabilities.fullTextSearch !== "fts5") return;
  const row = await trx.selectFrom("kb_articles").select("search_rowid").where("id", "=", articleId).executeTakeFirst();
  if (row?.search_rowid != null) await sql`DELETE FROM kb_search WHERE rowid = ${row.search_rowid}`.execute(trx);
}
