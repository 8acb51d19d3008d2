import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { SQLITE_DRIVER } from "../db/sqliteDriver.js";

/**
 * Runs the click inserts of an embedded (SQLite) database on a worker thread with its own connection.
 * better-sqlite3 executes on the thread that calls it, and storing a click costs SQLite about as much as
 * answering the redirect; on the server's thread that halves the redirects per second. WAL lets this
 * second connection write while the main one reads; SQLite still takes one writer at a time, and each
 * batch is one short transaction. PostgreSQL needs none of this: its driver only waits on a socket.
 *
 * The worker's code is plain JavaScript given as a string, so it runs the same from the TypeScript
 * sources (tests, tsx) and from the build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
const statements = new Map();
const statement = (sql) => {
  let s = statements.get(sql);
  if (!s) { s = db.prepare(sql); statements.set(sql, s); }
  return s;
};
const write = db.transaction((chunks) => { for (const [sql, params] of chunks) statement(sql).run(params); });
parentPort.on("message", (message) => {
  if (message.close) { db.close(); parentPort.postMessage({ id: message.id, ok: true }); return; }
  try { write(message.chunks); parentPort.postMessage({ id: message.id, ok: true }); }
  catch (error) { parentPort.postMessage({ id: message.id, ok: false, message: String((error && error.message) || error) }); }
});
`;

type Reply = { id: number; ok: boolean; message?: string };

export class SqliteClickWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(private readonly file: string) {}

  /** Runs the statements in one transaction on the writer thread. */
  write(chunks: [sql: string, params: unknown[]][]): Promise<void> {
    return this.send({ chunks });
  }

  async close(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    await this.send({ close: true }).catch(() => undefined);
    this.worker = undefined;
    await worker.terminate();
  }

  private send(message: object): Promise<void> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const driver = createRequire(import.meta.url).resolve(SQLITE_DRIVER);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file } });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(new Error(reply.message ?? "the click writer failed"));
    });
    // A dead writer fails what it was given (the recorder keeps those clicks) and is started again next time.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the click writer stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
