import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";
import { CHECKPOINT_WAL_BYTES } from "../db/walCheckpointer.js";
import { type ClickBatch, clickRows } from "./clickBatch.js";

/**
 * The click writer thread (see sqliteClickWriter.ts): its own connection to the embedded database, one
 * transaction a batch, one prepared single-row insert a click (no statement text to build or parse).
 */
export interface ClickWriterData {
  driver: string;
  file: string;
  /** The single-row INSERT … ON CONFLICT DO NOTHING, values in CLICK_COLUMNS order. */
  insertSql: string;
  /** How long a write waits for another connection's lock before it fails (and the recorder keeps the batch). */
  busyTimeoutMs: number;
}

export type ClickWriterRequest = { id: number; batch: ClickBatch } | { id: number; close: true };
export type ClickWriterReply = { id: number; ok: true } | { id: number; ok: false; message: string };

const port = parentPort;
if (port) {
  const { driver, file, insertSql, busyTimeoutMs } = workerData as ClickWriterData;
  const SQLite = createRequire(import.meta.url)(driver) as typeof BetterSqlite3;
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  // As the server's connection: the WAL file shrinks back when SQLite starts it over (see walCheckpointer.ts).
  db.pragma(`journal_size_limit = ${CHECKPOINT_WAL_BYTES}`);
  // The hour's click ids land at random places in the primary key: keep its recent pages in memory.
  db.pragma("cache_size = -65536");
  const insert = db.prepare(insertSql);
  const write = db.transaction((batch: ClickBatch) => {
    const row = clickRows(batch, new Date().toISOString());
    for (let i = 0; i < batch.count; i++) insert.run(row(i));
  });
  port.on("message", (request: ClickWriterRequest) => {
    if ("close" in request) {
      db.close();
      port.postMessage({ id: request.id, ok: true } satisfies ClickWriterReply);
      return;
    }
    try {
      write(request.batch);
      port.postMessage({ id: request.id, ok: true } satisfies ClickWriterReply);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, message: String((error as Error)?.message ?? error) } satisfies ClickWriterReply);
    }
  });
}
