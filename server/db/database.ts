import { mkdirSync } from "node:fs";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { CAPABILITIES, type DialectCapabilities } from "./capabilities.js";
import { createHotReader, type HotReader } from "./hotReader.js";
import type { DB } from "./schema.js";
import { SQLite } from "./sqliteDriver.js";
import { statementCache } from "./statementCache.js";
import { CHECKPOINT_WAL_BYTES, FALLBACK_AUTOCHECKPOINT_PAGES, releaseWal, watchWal } from "./walCheckpointer.js";

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  capabilities: DialectCapabilities;
  /** The PostgreSQL schema in use, when not the default search path. */
  schema?: string;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent the embedded SQLite database is used. */
  databaseUrl?: string | undefined;
  /** Folder for the SQLite file. */
  dataDir: string;
  /** SQLite file name inside dataDir, or ":memory:". */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  pgSchema?: string;
}

const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;

/** Timestamps come back as the same ISO strings the application writes. */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) {
    return (value) => new Date(oid === PG_TIMESTAMP ? `${value}Z` : value).toISOString();
  }
  // Counts and sums fit comfortably in a double for this application's sizes.
  if (oid === PG_INT8) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format as "text");
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      types: { getTypeParser: pgTypeParser } as pg.CustomTypesConfig,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      capabilities: CAPABILITIES.postgres,
      ...(options.pgSchema ? { schema: options.pgSchema } : {}),
      destroy: () => db.destroy(),
    };
  }
  const file = options.sqliteFile ?? "switchboard.sqlite";
  let location = file;
  if (file !== ":memory:") {
    mkdirSync(options.dataDir, { recursive: true });
    location = path.join(options.dataDir, file);
  }
  const sqlite = new SQLite(location);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Up to 64 MiB of page cache (SQLite's default is 2 MiB): the inbox's indexes outgrow 2 MiB at a few
  // hundred thousand messages, and every insert then reads index pages back from the OS. Pages are
  // only cached as they are used.
  sqlite.pragma("cache_size = -65536");
  // Checkpoints run on the checkpointer thread (walCheckpointer.ts); this connection's own only if it falls behind.
  if (file !== ":memory:") {
    sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    sqlite.pragma(`journal_size_limit = ${CHECKPOINT_WAL_BYTES}`);
    watchWal(location);
  }
  // A second, read-only connection for the hot-path reads (preparedQuery.ts): WAL lets it read
  // committed data while the main connection writes, without queueing behind Kysely's one connection.
  const hot = file === ":memory:" ? undefined : createHotReader(new SQLite(location, { readonly: true }));
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: { close: () => sqlite.close(), prepare: statementCache(sqlite) } }) });
  if (hot) HOT_READERS.set(db, hot.read);
  SQLITE_CONNECTIONS.set(db, sqlite);
  return {
    db,
    capabilities: CAPABILITIES.sqlite,
    destroy: async () => {
      if (file !== ":memory:") await releaseWal(location);
      await db.destroy();
      hot?.close();
    },
  };
}

const HOT_READERS = new WeakMap<Database, HotReader>();

/** The hot-path reader of an embedded database (not of a transaction, and not on PostgreSQL). */
export const hotReaderOf = (db: Database): HotReader | undefined => HOT_READERS.get(db);

const SQLITE_CONNECTIONS = new WeakMap<Database, BetterSqlite3.Database>();

/**
 * The embedded database's one connection (not of a transaction, and not on PostgreSQL): for statements
 * prepared once and run synchronously inside a transaction of `db`, which holds this connection.
 */
export const sqliteConnectionOf = (db: Database): BetterSqlite3.Database | undefined => SQLITE_CONNECTIONS.get(db);
