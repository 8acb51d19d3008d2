import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Database } from "../db/database.js";
import type { Services } from "../services.js";
import { backoffDelay, type JobContext, type JobDefinition, PermanentJobError } from "./job.js";
import { type DispatchOptions, JobPayloadError, type JobQueue } from "./queue.js";

// A lease outlives the job's own timeout, so a slow job is abandoned by its
// runner before another runner may take it over.
const LEASE_MARGIN_MS = 30_000;
const MAX_ERROR_LENGTH = 2000;

export interface DatabaseQueueOptions {
  db: Database;
  log: Logger;
  jobs: readonly JobDefinition[];
  pollMs: number;
  /** The services handed to jobs; a function because the queue is itself one of them. */
  services: () => Services;
  concurrency?: number;
  workerId?: string;
}

/** Services are looked up when a job asks for them: most jobs only use the database. */
function jobContext(options: DatabaseQueueOptions, log: Logger, row: { id: string; attempts: number }): JobContext {
  return {
    db: options.db,
    log,
    jobId: row.id,
    attempt: row.attempts,
    get services() {
      return options.services();
    },
  };
}

/** The embedded backend: jobs are rows, claimed with a conditional UPDATE. */
export class DatabaseJobQueue implements JobQueue {
  private readonly byName: Map<string, JobDefinition>;
  private readonly workerId: string;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private stopped = true;

  constructor(private readonly options: DatabaseQueueOptions) {
    this.byName = new Map(options.jobs.map((j) => [j.name, j]));
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  }

  async dispatch<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>, options: DispatchOptions = {}): Promise<string | null> {
    const parsed = job.payload.safeParse(payload);
    if (!parsed.success) throw new JobPayloadError(job.name, parsed.error.issues);
    if (!this.byName.has(job.name)) throw new Error(`Job ${job.name} is not in the registry`);
    const id = randomUUID();
    const now = new Date().toISOString();
    const result = await this.options.db
      .insertInto("jobs")
      .values({
        id,
        name: job.name,
        payload: JSON.stringify(parsed.data),
        status: "queued",
        attempts: 0,
        max_attempts: job.retry.attempts,
        run_at: (options.runAt ?? new Date()).toISOString(),
        dedupe_key: options.dedupeKey ?? null,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      try {
        await this.tick();
      } catch (err) {
        this.options.log.error({ err }, "job runner tick failed");
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking?.catch(() => undefined);
  }

  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const ran = await this.tick();
      total += ran;
      if (ran === 0) return total;
    }
  }

  private tick(): Promise<number> {
    // One tick at a time per queue; a caller during a tick waits for it.
    this.ticking = (this.ticking ?? Promise.resolve(0)).catch(() => 0).then(() => this.runDue());
    return this.ticking;
  }

  private async ensureRecurring(): Promise<void> {
    for (const job of this.byName.values()) {
      if (!job.every) continue;
      const last = await this.options.db
        .selectFrom("jobs")
        .select("finished_at")
        .where("name", "=", job.name)
        .where("finished_at", "is not", null)
        .orderBy("finished_at", "desc")
        .limit(1)
        .executeTakeFirst();
      const runAt = last?.finished_at ? new Date(Date.parse(last.finished_at) + job.every.ms) : new Date();
      await this.dispatch(job, {}, { dedupeKey: `recurring:${job.name}`, runAt });
    }
  }

  private async runDue(): Promise<number> {
    await this.ensureRecurring();
    const now = new Date().toISOString();
    const candidates = await this.options.db
      .selectFrom("jobs")
      .select(["id", "attempts"])
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
          // A crashed runner's lease has expired: the job is taken over.
          eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
        ]),
      )
      .orderBy("run_at")
      .limit(this.options.concurrency ?? 4)
      .execute();
    const claimed = [];
    for (const c of candidates) {
      const row = await this.claim(c.id, c.attempts);
      if (row) claimed.push(row);
    }
    await Promise.all(claimed.map((row) => this.execute(row)));
    return claimed.length;
  }

  private async claim(id: string, seenAttempts: number) {
    const now = Date.now();
    const nowIso = new Date(now).toISOString();
    const job = await this.options.db.selectFrom("jobs").select("name").where("id", "=", id).executeTakeFirst();
    const timeout = (job && this.byName.get(job.name)?.timeoutMs) ?? 60_000;
    // Conditional on the attempts we saw: of two runners, exactly one wins.
    const result = await this.options.db
      .updateTable("jobs")
      .set({
        status: "running",
        attempts: seenAttempts + 1,
        locked_by: this.workerId,
        locked_until: new Date(now + timeout + LEASE_MARGIN_MS).toISOString(),
      })
      .where("id", "=", id)
      .where("attempts", "=", seenAttempts)
      .where((eb) => eb.or([eb("status", "=", "queued"), eb.and([eb("status", "=", "running"), eb("locked_until", "<", nowIso)])]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.options.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  private async execute(row: { id: string; name: string; payload: string; attempts: number; max_attempts: number }) {
    const log = this.options.log.child({ job: row.name, jobId: row.id, attempt: row.attempts });
    const job = this.byName.get(row.name);
    try {
      if (!job) throw new PermanentJobError(`No job named ${row.name} in this version's registry`);
      const parsed = job.payload.safeParse(JSON.parse(row.payload));
      if (!parsed.success) throw new PermanentJobError(`Stored payload no longer matches the schema of ${row.name}`);
      await withTimeout(job.run(parsed.data, jobContext(this.options, log, row)), job.timeoutMs, row.name);
      await this.finish(row.id, { status: "succeeded", finished_at: new Date().toISOString(), last_error: null });
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH);
      // A permanent error is acknowledged as failed so the message stops retrying.
      const permanent = err instanceof PermanentJobError;
      if (!job || permanent || row.attempts >= row.max_attempts) {
        log.error({ err }, "job failed for good");
        await this.finish(row.id, { status: "failed", finished_at: new Date().toISOString(), last_error: message });
      } else {
        const delay = backoffDelay(job.retry, row.attempts);
        log.warn({ err, retryInMs: delay }, "job failed; will retry");
        await this.finish(row.id, { status: "queued", run_at: new Date(Date.now() + delay).toISOString(), last_error: message });
      }
    }
  }

  private async finish(
    id: string,
    values: { status: "succeeded" | "failed" | "queued"; finished_at?: string; run_at?: string; last_error: string | null },
  ) {
    await this.options.db
      .updateTable("jobs")
      .set({ ...values, locked_by: null, locked_until: null })
      .where("id", "=", id)
      .where("locked_by", "=", this.workerId)
      .execute();
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Job ${name} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
