import type BetterSqlite3 from "better-sqlite3";
import { statementCache } from "./statementCache.js";

/** Runs a read-only query synchronously on committed data. */
export type HotReader = (sqlText: string, parameters: readonly unknown[]) => readonly unknown[];

const MAX_CACHED_RESULTS = 10_000;

/**
 * The hot-path reads of the embedded database (the signed-in user of every request), on a read-only
 * connection of their own and answered from memory while nothing has changed. SQLite's
 * `PRAGMA data_version` on this connection changes whenever any other connection commits, whether
 * this server's own or another process's (the `switchboard` CLI disabling a user, say), so the cache
 * is emptied by the very next read after any commit: a revoked session or a removed role is seen by
 * the next request. Results are frozen: callers share them.
 */
export function createHotReader(reader: BetterSqlite3.Database) {
  reader.pragma("busy_timeout = 5000");
  const dataVersion = reader.prepare("PRAGMA data_version").pluck();
  const prepare = statementCache(reader);
  const results = new Map<string, readonly unknown[]>();
  let seenVersion: unknown;

  const read: HotReader = (sqlText, parameters) => {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      results.clear();
      seenVersion = version;
    }
    const key = `${sqlText}\u0000${JSON.stringify(parameters)}`;
    const cached = results.get(key);
    if (cached) return cached;
    const rows = Object.freeze((prepare(sqlText).all(parameters as unknown[]) as object[]).map((row) => Object.freeze(row)));
    if (results.size >= MAX_CACHED_RESULTS) results.clear();
    results.set(key, rows);
    return rows;
  };

  return { read, close: () => reader.close() };
}
