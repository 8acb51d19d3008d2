import type BetterSqlite3 from "better-sqlite3";

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, and preparing costs more than running a
 * small query. The application issues a bounded set of distinct SQL strings,
 * so prepared statements are kept and reused (SQLite re-prepares one itself
 * if the schema changes under it).
 */
export function statementCache(sqlite: BetterSqlite3.Database): (sqlText: string) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (sqlText) => {
    let statement = cache.get(sqlText);
    if (!statement) {
      statement = sqlite.prepare(sqlText);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sqlText, statement);
    }
    return statement;
  };
}
