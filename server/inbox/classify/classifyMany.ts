import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../../threads/moduleWorker.js";
import type { Classification } from "./classifier.js";
import type { ClassifyRequest } from "./classifyWorker.js";
import { shippedClassifier } from "./loadModel.js";

/**
 * Below this many texts a batch is classified on the calling thread: handing it over costs more than
 * the work (about 10 µs a message).
 */
export const WORKER_MIN_TEXTS = 64;

type Reply = { ready: true } | { id: number; results: Classification[] } | { id: number; error: string };

/**
 * One classifier thread per process, started on first use. Classification is CPU work: done on a
 * second thread, it runs while the caller's thread does its database work (ingestion looks up contacts
 * and threads meanwhile), which on the embedded database is the same thread that writes.
 */
class ClassifierThread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: Classification[]) => void; reject: (e: Error) => void }>();

  classify(texts: string[]): Promise<Classification[]> {
    const worker = this.start();
    const id = this.nextId++;
    // Held while it has work, so the process waits for the answer; idle, it never keeps the process up.
    if (this.waiting.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, texts } satisfies ClassifyRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(new URL("./classifyWorker.ts", import.meta.url));
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) return;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if ("results" in reply) waiter?.resolve(reply.results);
      else waiter?.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the classifier thread stopped (exit code ${code})`)));
    // Idle until given work (after the listeners: adding one refs the worker again).
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

let thread: ClassifierThread | undefined;
/** Set when the thread failed: the process then classifies on the calling thread from then on. */
let threadFailed = false;

/** Classifies texts on the classifier thread (started on first use); rejects if the thread cannot run. */
export function classifyOnThread(texts: readonly string[]): Promise<Classification[]> {
  thread ??= new ClassifierThread();
  return thread.classify([...texts]);
}

/**
 * Classifies texts with the shipped model, in order: the same labels as `classify` on each, computed
 * on the classifier thread for batches of WORKER_MIN_TEXTS or more. Never rejects: if the thread
 * cannot run, the texts are classified here instead (and from then on).
 */
export async function classifyMany(texts: readonly string[]): Promise<Classification[]> {
  if (texts.length >= WORKER_MIN_TEXTS && !threadFailed) {
    try {
      return await classifyOnThread(texts);
    } catch {
      threadFailed = true;
    }
  }
  const classifier = shippedClassifier();
  return texts.map((t) => classifier.classify(t));
}

/** Stops the classifier thread (tests; a process exiting need not, an idle thread does not hold it). */
export async function stopClassifierThread(): Promise<void> {
  await thread?.close();
  thread = undefined;
  threadFailed = false;
}
