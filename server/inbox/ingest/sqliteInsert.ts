import type BetterSqlite3 from "better-sqlite3";

/** A row as ingestion writes it: plain values SQLite binds as they are. */
export type PlainRow = Record<string, string | number | null>;

const STATEMENTS = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * A statement of ingestion's own (never built from input), prepared once per connection and kept.
 * Must run inside a transaction of the database this connection belongs to: it is then part of it.
 */
export function prepared(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = STATEMENTS.get(sqlite);
  if (!cache) {
    cache = new Map();
    STATEMENTS.set(sqlite, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = sqlite.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

const quote = (name: string) => `"${name}"`;

/**
 * Inserts rows on the embedded database one prepared statement run at a time, and says for each
 * whether it was stored (false: `conflict` names a unique key a stored row already has). Table and
 * column names come from ingestion's own code, never from input.
 *
 * Why not Kysely's multi-row INSERT: building and compiling a 500-row statement (8,000 values) cost
 * ingestion more than SQLite's work on the rows; a prepared single-row statement costs only binding,
 * and `changes` says whether the row was stored without RETURNING.
 */
export function insertRows(
  sqlite: BetterSqlite3.Database,
  table: string,
  rows: readonly PlainRow[],
  conflict?: readonly string[],
): boolean[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const onConflict = conflict ? ` on conflict (${conflict.map(quote).join(", ")}) do nothing` : "";
  const statement = prepared(
    sqlite,
    `insert into ${quote(table)} (${columns.map(quote).join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")})${onConflict}`,
  );
  return rows.map((row) => statement.run(row).changes > 0);
}
