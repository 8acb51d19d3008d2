import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

/**
 * The WAL checkpointer thread (see walCheckpointer.ts). Every `intervalMs` it looks at the WAL file of each
 * database it watches, and one past `walBytes` gets a PASSIVE checkpoint on a connection of the thread's
 * own (opened when first needed, kept until the database is released): the WAL's committed pages are
 * copied into the database file without waiting for or blocking readers or the writer.
 */
export interface CheckpointerData {
  driver: string;
  intervalMs: number;
  walBytes: number;
}

export type CheckpointerRequest = { id: number; watch: string } | { id: number; release: string } | { id: number; stats: string };
export type CheckpointerReply = { id: number; ok: true; checkpoints: number } | { id: number; ok: false; message: string };

interface Watched {
  connection: BetterSqlite3.Database | undefined;
  checkpoints: number;
}

const port = parentPort;
if (port) {
  const { driver, intervalMs, walBytes } = workerData as CheckpointerData;
  const SQLite = createRequire(import.meta.url)(driver) as typeof BetterSqlite3;
  const watched = new Map<string, Watched>();

  const connect = (file: string) => {
    const connection = new SQLite(file, { fileMustExist: true });
    // A checkpoint waits for nobody: a busy database is simply tried again on the next look.
    connection.pragma("busy_timeout = 0");
    connection.pragma("cache_size = -2048");
    // This connection commits nothing, so it never checkpoints on its own account.
    connection.pragma("wal_autocheckpoint = 0");
    return connection;
  };

  const look = () => {
    for (const [file, w] of watched)
      try {
        if ((statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) <= walBytes) continue;
        w.connection ??= connect(file);
        const [result] = w.connection.pragma("wal_checkpoint(PASSIVE)") as { checkpointed: number }[];
        if ((result?.checkpointed ?? 0) > 0) w.checkpoints++;
      } catch {
        // Busy or locked (SQLITE_BUSY): the next look tries again; the writers' own automatic
        // checkpoint remains the fallback.
      }
  };
  setInterval(look, intervalMs);

  port.on("message", (request: CheckpointerRequest) => {
    let checkpoints = 0;
    if ("watch" in request) {
      if (!watched.has(request.watch)) watched.set(request.watch, { connection: undefined, checkpoints: 0 });
    } else if ("release" in request) {
      watched.get(request.release)?.connection?.close();
      watched.delete(request.release);
    } else checkpoints = watched.get(request.stats)?.checkpoints ?? 0;
    port.postMessage({ id: request.id, ok: true, checkpoints } satisfies CheckpointerReply);
  });
}
