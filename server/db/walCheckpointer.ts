import { statSync } from "node:fs";
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../threads/moduleWorker.js";
import { SQLITE_DRIVER } from "./sqliteDriver.js";
import type { CheckpointerData, CheckpointerReply, CheckpointerRequest } from "./walCheckpointerThread.js";

/**
 * Checkpoints of the embedded databases, off the server's thread.
 *
 * In WAL mode SQLite appends commits to the `-wal` file, and a checkpoint copies them back into the
 * database file. By default the connection whose commit takes the WAL past 1,000 pages runs that
 * checkpoint itself, inside its commit: on the server's thread, a pause that grows with the writes
 * (ingestion at full speed lost a fifth of its time there). Instead a worker thread
 * (walCheckpointerThread.ts) looks at each open database's WAL file every CHECKPOINT_INTERVAL_MS and
 * checkpoints one past CHECKPOINT_WAL_BYTES. The thread is started only once a WAL first grows past
 * that size (until then this thread makes the same check, a `stat`), and stops when no database is
 * open: most processes, tests among them, never need it. Writers set `journal_size_limit` to that size,
 * so the WAL file shrinks back to it when SQLite starts it over and its size says how much has been
 * written since. The connections keep an automatic checkpoint at FALLBACK_AUTOCHECKPOINT_PAGES, should
 * the thread fall behind or stop.
 */
export const CHECKPOINT_INTERVAL_MS = 200;
/** About SQLite's own 1,000-page default: a small database's WAL is checkpointed as it always was. */
export const CHECKPOINT_WAL_BYTES = 4 * 1024 * 1024;
/** ≈ 40 MiB of WAL at SQLite's 4 KiB pages. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** Open handles per database file in this process. */
const handles = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;
let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (reply: CheckpointerReply) => void>();

function send(thread: Worker, request: Omit<CheckpointerRequest, "id">): Promise<CheckpointerReply> {
  const id = nextId++;
  // Held while a reply is awaited (a process must not exit halfway through closing a database).
  if (waiting.size === 0) thread.ref();
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    thread.postMessage({ id, ...request } as CheckpointerRequest);
  });
}

function startWorker(): void {
  const data: CheckpointerData = {
    driver: createRequire(import.meta.url).resolve(SQLITE_DRIVER),
    intervalMs: CHECKPOINT_INTERVAL_MS,
    walBytes: CHECKPOINT_WAL_BYTES,
  };
  const started = startModuleWorker(new URL("./walCheckpointerThread.ts", import.meta.url), data);
  started.on("message", (reply: CheckpointerReply) => {
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    resolve?.(reply);
  });
  // A thread that died leaves the writers' automatic checkpoints in charge, and this thread watches again.
  const stopped = (message: string) => {
    if (worker !== started) return;
    worker = undefined;
    for (const resolve of waiting.values()) resolve({ id: -1, ok: false, message });
    waiting.clear();
    if (handles.size > 0) startLooking();
  };
  started.on("error", (error) => stopped(String(error?.message ?? error)));
  started.on("exit", (code) => stopped(`the WAL checkpointer stopped (exit code ${code})`));
  // Never what keeps the process alive (after the listeners: adding a "message" listener refs it again).
  started.unref();
  worker = started;
  for (const file of handles.keys()) void send(started, { watch: file });
}

const walSize = (file: string) => {
  try {
    return statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0; // unreadable: the writers' fallback does the work
  }
};

/** Until the thread is needed: the first WAL past the size starts it, and it looks from then on. */
function startLooking() {
  if (timer || worker) return;
  timer = setInterval(() => {
    if (![...handles.keys()].some((file) => walSize(file) > CHECKPOINT_WAL_BYTES)) return;
    clearInterval(timer);
    timer = undefined;
    startWorker();
  }, CHECKPOINT_INTERVAL_MS);
  timer.unref();
}

/** Has the database file `file` (just opened, in WAL mode) checkpointed off this thread while it is open. */
export function watchWal(file: string): void {
  const count = handles.get(file) ?? 0;
  handles.set(file, count + 1);
  if (count > 0) return;
  if (worker) void send(worker, { watch: file });
  else startLooking();
}

/** A handle on `file` is being closed: when it is the last, the thread closes its connection first. */
export async function releaseWal(file: string): Promise<void> {
  const count = handles.get(file) ?? 0;
  if (count > 1) {
    handles.set(file, count - 1);
    return;
  }
  handles.delete(file);
  const thread = worker;
  if (thread) await send(thread, { release: file });
  if (handles.size > 0) return;
  clearInterval(timer);
  timer = undefined;
  if (thread && worker === thread) {
    worker = undefined;
    await thread.terminate();
  }
}

/** Checkpoints the thread has made of `file` while it was open (for health and tests). */
export async function walCheckpointStats(file: string): Promise<{ checkpoints: number }> {
  const reply = worker ? await send(worker, { stats: file }) : undefined;
  return { checkpoints: reply?.ok ? reply.checkpoints : 0 };
}
