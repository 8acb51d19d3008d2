import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { SQLITE_DRIVER } from "../db/sqliteDriver.js";
import { startModuleWorker } from "../threads/moduleWorker.js";
import type { ClickBatch } from "./clickBatch.js";
import type { ClickWriter } from "./clickRecorder.js";
import type { ClickWriterData, ClickWriterReply, ClickWriterRequest } from "./clickWriterThread.js";

/**
 * Runs the click inserts of an embedded (SQLite) database on a worker thread with its own connection
 * (clickWriterThread.ts). better-sqlite3 executes on the thread that calls it, and storing a click costs
 * SQLite about as much as answering the redirect; on the server's thread that halves the redirects per
 * second. WAL lets this second connection write while the main one reads; SQLite still takes one writer
 * at a time, and each batch is one short transaction. PostgreSQL needs none of this: its driver only
 * waits on a socket.
 */
export class SqliteClickWriter implements ClickWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly insertSql: string,
    private readonly busyTimeoutMs = 5000,
  ) {}

  /** Stores the batch in one transaction on the writer thread. */
  write(batch: ClickBatch): Promise<void> {
    // The typed arrays' memory moves to the writer rather than being copied.
    return this.send({ batch }, [batch.link.buffer as ArrayBuffer, batch.clickedAt.buffer as ArrayBuffer]);
  }

  async close(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    await this.send({ close: true }).catch(() => undefined);
    this.worker = undefined;
    await worker.terminate();
  }

  private send(message: { batch: ClickBatch } | { close: true }, transfer: ArrayBuffer[] = []): Promise<void> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message } satisfies ClickWriterRequest, transfer);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const data: ClickWriterData = {
      driver: createRequire(import.meta.url).resolve(SQLITE_DRIVER),
      file: this.file,
      insertSql: this.insertSql,
      busyTimeoutMs: this.busyTimeoutMs,
    };
    const worker = startModuleWorker(new URL("./clickWriterThread.ts", import.meta.url), data);
    worker.unref();
    worker.on("message", (reply: ClickWriterReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(new Error(reply.message));
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
