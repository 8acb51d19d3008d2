import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { type CertificationStatus, type CourseRow, canManageTraining, certificationStatus } from "./model.js";

export const courseNotFound = () => notFound("Course", "course_not_found");

/** A course the actor may see: published ones, or any for training managers. */
export async function findCourse(db: Database, actor: Actor, id: string): Promise<CourseRow> {
  const row = await db.selectFrom("training_courses").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || (row.published !== 1 && !canManageTraining(actor))) throw courseNotFound();
  return row;
}

export interface CertificationSummary {
  grantedAt: string;
  expiresAt: string | null;
  score: number;
  status: CertificationStatus;
}

export async function certificationOf(db: Database, course: CourseRow, userId: string, now: number): Promise<CertificationSummary | null> {
  const cert = await db
    .selectFrom("training_certifications")
    .selectAll()
    .where("course_id", "=", course.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!cert) return null;
  return { grantedAt: cert.granted_at, expiresAt: cert.expires_at, score: cert.score, status: certificationStatus(cert, course, now) };
}

export type AttemptBlock = "attempt_limit_reached" | "attempt_too_soon" | "already_certified" | "course_has_no_questions";

export interface AttemptState {
  used: number;
  left: number | null;
  nextAttemptAt: string | null;
  openAttemptId: string | null;
  canStart: boolean;
  blockedBy: AttemptBlock | null;
}

/**
 * What the rules allow this person now: attempts count since their last pass (or a manager's
 * reset); after a failed attempt the next waits `retry_delay_minutes`; a valid certification
 * outside its recertification window needs no new attempt.
 */
export async function attemptState(
  db: Database,
  course: CourseRow,
  userId: string,
  now: number,
  certification?: CertificationSummary | null,
): Promise<AttemptState> {
  const cert = certification === undefined ? await certificationOf(db, course, userId, now) : certification;
  const lastPass = await db
    .selectFrom("training_attempts")
    .select(sql<string | null>`max(submitted_at)`.as("at"))
    .where("course_id", "=", course.id)
    .where("user_id", "=", userId)
    .where("passed", "=", 1)
    .executeTakeFirst();
  const reset = await db
    .selectFrom("training_attempt_resets")
    .select("reset_at")
    .where("course_id", "=", course.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const since =
    [lastPass?.at ?? null, reset?.reset_at ?? null]
      .filter((x): x is string => x !== null)
      .sort()
      .pop() ?? null;
  let counted = db
    .selectFrom("training_attempts")
    .select(["id", "submitted_at", "passed"])
    .where("course_id", "=", course.id)
    .where("user_id", "=", userId);
  if (since) counted = counted.where("started_at", ">", since);
  const attempts = await counted.orderBy("started_at", "desc").execute();
  const open = attempts.find((a) => a.submitted_at === null) ?? null;
  const submitted = attempts.filter((a) => a.submitted_at !== null);
  const used = submitted.length;
  const left = course.max_attempts === null ? null : Math.max(0, course.max_attempts - used);
  const lastFailed = submitted.find((a) => a.passed === 0);
  const waitUntil = lastFailed?.submitted_at ? Date.parse(lastFailed.submitted_at) + course.retry_delay_minutes * 60_000 : 0;
  const nextAttemptAt = waitUntil > now ? new Date(waitUntil).toISOString() : null;
  const bank = await db
    .selectFrom("training_questions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("course_id", "=", course.id)
    .executeTakeFirst();
  let blockedBy: AttemptBlock | null = null;
  if (Number(bank?.n ?? 0) === 0) blockedBy = "course_has_no_questions";
  else if (cert && cert.status === "valid") blockedBy = "already_certified";
  else if (left === 0) blockedBy = "attempt_limit_reached";
  else if (nextAttemptAt) blockedBy = "attempt_too_soon";
  return { used, left, nextAttemptAt, openAttemptId: open?.id ?? null, canStart: open !== null || blockedBy === null, blockedBy };
}

async function count(db: Database, table: "training_lessons" | "training_questions", courseId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("course_id", "=", courseId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function presentCourseSummary(db: Database, course: CourseRow, userId: string, now = Date.now()) {
  const certification = await certificationOf(db, course, userId, now);
  const read = await db
    .selectFrom("training_lesson_reads")
    .innerJoin("training_lessons", "training_lessons.id", "training_lesson_reads.lesson_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("training_lessons.course_id", "=", course.id)
    .where("training_lesson_reads.user_id", "=", userId)
    .executeTakeFirst();
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    published: course.published === 1,
    passMark: course.pass_mark,
    questionsPerAttempt: course.questions_per_attempt,
    maxAttempts: course.max_attempts,
    retryDelayMinutes: course.retry_delay_minutes,
    validityDays: course.validity_days,
    recertWindowDays: course.recert_window_days,
    lessonCount: await count(db, "training_lessons", course.id),
    lessonsRead: Number(read?.n ?? 0),
    questionCount: await count(db, "training_questions", course.id),
    certification,
    attempts: await attemptState(db, course, userId, now, certification),
  };
}

export async function presentCourse(db: Database, course: CourseRow, actor: Actor) {
  const lessons = await db
    .selectFrom("training_lessons")
    .leftJoin("training_lesson_reads", (join) =>
      join.onRef("training_lesson_reads.lesson_id", "=", "training_lessons.id").on("training_lesson_reads.user_id", "=", actor.user.id),
    )
    .select([
      "training_lessons.id",
      "training_lessons.position",
      "training_lessons.title",
      "training_lessons.html",
      "training_lessons.body",
      "training_lesson_reads.read_at",
    ])
    .where("training_lessons.course_id", "=", course.id)
    .orderBy("training_lessons.position")
    .orderBy("training_lessons.created_at")
    .execute();
  const manager = canManageTraining(actor);
  return {
    ...(await presentCourseSummary(db, course, actor.user.id)),
    lessons: lessons.map((l) => ({
      id: l.id,
      position: l.position,
      title: l.title,
      html: l.html,
      body: manager ? l.body : null,
      read: l.read_at !== null,
    })),
  };
}

export async function listCourses(db: Database, actor: Actor): Promise<CourseRow[]> {
  let query = db.selectFrom("training_courses").selectAll().orderBy("title");
  if (!canManageTraining(actor)) query = query.where("published", "=", 1);
  return query.execute();
}
