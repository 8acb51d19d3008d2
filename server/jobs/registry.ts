import type { JobDefinition } from "./job.js";
import { purgeExpiredJob } from "./purgeExpired.js";

/** Every job the application knows. A queued row names one of these. */
export const JOBS: readonly JobDefinition[] = [purgeExpiredJob] as readonly JobDefinition[];
