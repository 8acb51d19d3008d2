/**
 * What differs between the two supported databases, stated once as flags
 * (the way Kysely's own dialect adapters do) so code asks "can this database
 * do X?" instead of "is this SQLite?".
 */
export type DialectName = "sqlite" | "postgres";

export interface DialectCapabilities {
  name: DialectName;
  /** Column type for ISO timestamps: timestamptz where native, text otherwise. */
  timestampType: "timestamptz" | "text";
  /** Column type for serialised JSON documents. */
  jsonType: "jsonb" | "text";
  /** `SELECT ... FOR UPDATE SKIP LOCKED` lets many workers claim rows without blocking. */
  supportsSkipLocked: boolean;
  /** Concurrent writers from several processes (SQLite has one writer at a time). */
  supportsConcurrentWriters: boolean;
  /** Full-text search: an FTS5 virtual table beside the rows, or a generated tsvector column with a GIN index. */
  fullTextSearch: "fts5" | "tsvector";
  /** An UPDATE inside WITH (a data-modifying CTE): two tables' updates in one statement, one round trip. */
  updatesInWith: boolean;
}

export const CAPABILITIES: Record<DialectName, DialectCapabilities> = {
  sqlite: {
    name: "sqlite",
    timestampType: "text",
    jsonType: "text",
    supportsSkipLocked: false,
    supportsConcurrentWriters: false,
    fullTextSearch: "fts5",
    updatesInWith: false,
  },
  postgres: {
    name: "postgres",
    timestampType: "timestamptz",
    jsonType: "jsonb",
    supportsSkipLocked: true,
    supportsConcurrentWriters: true,
    fullTextSearch: "tsvector",
    updatesInWith: true,
  },
};
