import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 13 is built on Node-API 10 (Node >= 22.14) and is the one to use.
 * Node 20 only offers Node-API 9, so there the last release built on Node's own
 * ObjectWrap (12.x, installed as "better-sqlite3-v12") takes its place; that release
 * must not run on Node 24, whose ObjectWrap aborts the process when a statement is
 * garbage-collected ("Assertion failed: (env) != nullptr"). Both share one API.
 */
export const SQLITE_DRIVER = Number(process.versions.napi) >= 10 ? "better-sqlite3" : "better-sqlite3-v12";

export const SQLite: typeof BetterSqlite3 = require(SQLITE_DRIVER);
