import { randomInt } from "node:crypto";
import type { TrainingCoursesTable } from "../db/schema.js";
import type { Actor } from "../identity/actor.js";

export type CourseRow = TrainingCoursesTable;

/** A question's answer options as stored (server side only: `correct` never leaves for a learner). */
export interface StoredOption {
  id: string;
  text: string;
  correct: boolean;
}

/** One drawn question as an attempt keeps it: the options in the order shown, and the answer key. */
export interface DrawnQuestion {
  questionId: string;
  prompt: string;
  options: { id: string; text: string }[];
  correct: string[];
}

export const canManageTraining = (actor: Actor) => actor.permissions.has("training.manage");

export function parseOptions(json: string): StoredOption[] {
  return JSON.parse(json) as StoredOption[];
}

export function parseDrawn(json: string): DrawnQuestion[] {
  return JSON.parse(json) as DrawnQuestion[];
}

/** Fisher–Yates with a cryptographic source: the order must not be guessable from the last attempt. */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const DAY_MS = 86_400_000;

export type CertificationStatus = "valid" | "renew" | "expired";

/** valid; renew (inside the recertification window before expiry); expired. */
export function certificationStatus(
  cert: { expires_at: string | null },
  course: Pick<CourseRow, "recert_window_days">,
  now: number,
): CertificationStatus {
  if (cert.expires_at === null) return "valid";
  const expires = Date.parse(cert.expires_at);
  if (expires <= now) return "expired";
  return expires - course.recert_window_days * DAY_MS <= now ? "renew" : "valid";
}
