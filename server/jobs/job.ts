import type { Logger } from "pino";
import type { z } from "zod";
import type { Database } from "../db/database.js";
import type { Services } from "../services.js";

export interface JobContext {
  db: Database;
  log: Logger;
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  /** The server's services (vault, connectors, HTTP client) for jobs that talk to networks. */
  services: Services;
}

export interface RetryPolicy {
  /** Total runs before the job is marked failed. */
  attempts: number;
  backoff: { type: "fixed" | "exponential"; delayMs: number; maxDelayMs?: number };
}

/**
 * A named job: its name and payload shape are a public contract (queued rows
 * outlive deployments), so rename neither; add a new job instead.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  retry: RetryPolicy;
  /** A run that takes longer is abandoned and counted as a failed attempt. */
  timeoutMs: number;
  /** Recurring jobs are kept queued by the runner, one at a time. */
  every?: { ms: number };
  run(payload: z.output<S>, ctx: JobContext): Promise<void>;
}

export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;

/** Thrown by a job when retrying cannot help (bad data, a deleted row). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const { type, delayMs, maxDelayMs = 3_600_000 } = policy.backoff;
  const delay = type === "fixed" ? delayMs : delayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(delay, maxDelayMs);
}
