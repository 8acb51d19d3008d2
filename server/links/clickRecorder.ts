import { CompiledQuery } from "kysely";
import { CLICK_COLUMNS, type ClickBatch, clickBatchOf, clickRows, PendingClicks } from "./clickBatch.js";
import type { CachedLink } from "./linkCache.js";
import type { LinkClicksTable, LinksDb } from "./tables.js";

/** Where write failures are reported (pino, Fastify's logger). */
export interface WarnLogger {
  warn(details: object, message: string): void;
}

export interface RecorderOptions {
  /** A batch this large is written at once. */
  batchSize: number;
  /** Whatever is buffered is written at least this often. */
  flushMs: number;
  /** While the database refuses writes, at most this many clicks wait; newer ones are dropped (and logged). */
  maxBuffered: number;
}

/** Stores batches somewhere other than the server's thread (sqliteClickWriter.ts). */
export interface ClickWriter {
  write(batch: ClickBatch): Promise<void>;
  close(): Promise<void>;
}

/**
 * Up to 20,000 clicks a transaction, and whatever is buffered every second: on the embedded database a click
 * costs about two thirds as much in batches of 20,000 as in batches of 5,000 and half as much as in batches
 * of 500 (the primary key's pages dirtied by a batch are shared by more clicks, and there are fewer commits
 * and checkpoints). Below 20,000 redirects a second the timer writes first.
 */
export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = { batchSize: 20_000, flushMs: 1000, maxBuffered: 100_000 };
/** Rows per INSERT statement: 1,400 parameters, well under SQLite's and PostgreSQL's limits. */
const INSERT_ROWS = 100;

/**
 * The INSERT of n clicks (values in CLICK_COLUMNS order) that skips a click id already stored. Built by
 * Kysely once per n and then reused as plain SQL: building a 100-row insert afresh costs more than the
 * database takes to run it.
 */
export function clickInsertSql(db: LinksDb, n: number): string {
  const template = Object.fromEntries(CLICK_COLUMNS.map((c) => [c, null])) as unknown as LinkClicksTable;
  return db
    .insertInto("link_clicks")
    .values(Array.from({ length: n }, () => template))
    .onConflict((oc) => oc.column("id").doNothing())
    .compile().sql;
}

/**
 * Clicks are answered first and written after: the redirect appends to this buffer, and batches go to
 * the database by size or time, and once more on shutdown. A crash loses at most what is buffered
 * (a second of clicks, by default). A visitor's repeat within the hour has the same click id, and the
 * database's primary key keeps one row of it (the insert skips the repeat), in one process or several.
 */
export class ClickRecorder {
  private buffer = new PendingClicks();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private sizeFlushQueued = false;
  private dropped = 0;
  private readonly statements = new Map<number, string>();

  constructor(
    private readonly db: LinksDb,
    private readonly log: WarnLogger,
    private readonly options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
    private readonly writer?: ClickWriter,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  record(id: string, link: CachedLink, visitor: string, clickedAt: number): void {
    if (this.buffer.length >= this.options.maxBuffered) {
      this.dropped++;
      return;
    }
    this.buffer.push(id, link, visitor, clickedAt);
    if (this.buffer.length >= this.options.batchSize && !this.sizeFlushQueued) {
      this.sizeFlushQueued = true;
      setImmediate(() => {
        this.sizeFlushQueued = false;
        void this.flush();
      });
    }
  }

  /** Whether batches are written on a writer thread (an embedded database) rather than this one. */
  get offThread(): boolean {
    return this.writer !== undefined;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered; one flush at a time, so a caller waits for the running one and then its own. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = new PendingClicks();
    this.flushing = this.write(batch).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.writer?.close();
  }

  private insertSql(n: number): string {
    let text = this.statements.get(n);
    if (!text) {
      text = clickInsertSql(this.db, n);
      this.statements.set(n, text);
    }
    return text;
  }

  private async write(batch: PendingClicks): Promise<void> {
    try {
      const compact = clickBatchOf(batch);
      if (this.writer) await this.writer.write(compact);
      else await this.insert(compact);
    } catch (err) {
      // Kept for the next flush (a locked or restarting database); the newest are dropped beyond the limit.
      const waiting = batch.length + this.buffer.length;
      this.buffer = batch.concat(this.buffer, this.options.maxBuffered);
      this.dropped += waiting - this.buffer.length;
      this.log.warn({ err, clicks: batch.length, dropped: this.dropped }, "could not record clicks; will retry");
      return;
    }
    if (this.dropped > 0) {
      this.log.warn({ dropped: this.dropped }, "clicks were dropped while the database could not take them");
      this.dropped = 0;
    }
  }

  /** Without a writer thread (PostgreSQL): 100-row statements in one transaction. */
  private async insert(batch: ClickBatch) {
    const row = clickRows(batch, new Date().toISOString());
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < batch.count; start += INSERT_ROWS) {
        const end = Math.min(batch.count, start + INSERT_ROWS);
        const params: unknown[] = [];
        for (let i = start; i < end; i++) params.push(...row(i));
        await trx.executeQuery(CompiledQuery.raw(this.insertSql(end - start), params));
      }
    });
  }
}
