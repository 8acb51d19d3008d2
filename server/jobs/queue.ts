import type { z } from "zod";
import type { JobDefinition } from "./job.js";

export interface DispatchOptions {
  /** Run no earlier than this. */
  runAt?: Date;
  /** At most one queued or running job per key; a second dispatch is ignored. */
  dedupeKey?: string;
}

/**
 * The one interface every job backend implements: the in-process runner on
 * the database (embedded mode) today, BullMQ on Redis for clusters later.
 * The database stays the source of truth either way.
 */
export interface JobQueue {
  /** Validates the payload against the job's schema, then enqueues it. */
  dispatch<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>, options?: DispatchOptions): Promise<string | null>;
  /** Starts working due jobs in the background. */
  start(): void;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
  /** Works every job that is due now, then returns how many ran (tests and the CLI use it). */
  drain(): Promise<number>;
}

export class JobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`Invalid payload for job ${jobName}: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    this.name = "JobPayloadError";
  }
}
