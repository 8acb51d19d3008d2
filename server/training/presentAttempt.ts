import type { Database } from "../db/database.js";
import type { CourseRow } from "./model.js";
import { parseDrawn } from "./model.js";
import { attemptState, certificationOf } from "./store.js";
import { attemptNotFound } from "./submitAttempt.js";

/** An attempt as its taker sees it: the drawn questions without the key; once submitted, which were right. */
export async function presentAttempt(db: Database, attemptId: string, userId: string) {
  const attempt = await db.selectFrom("training_attempts").selectAll().where("id", "=", attemptId).executeTakeFirst();
  if (!attempt || attempt.user_id !== userId) throw attemptNotFound();
  const drawn = parseDrawn(attempt.questions);
  let result = null;
  if (attempt.submitted_at !== null) {
    const answers = JSON.parse(attempt.answers ?? "{}") as Record<string, string[]>;
    const course = (await db.selectFrom("training_courses").selectAll().where("id", "=", attempt.course_id).executeTakeFirst()) as
      | CourseRow
      | undefined;
    const now = Date.now();
    const certification = course ? await certificationOf(db, course, userId, now) : null;
    const state = course ? await attemptState(db, course, userId, now, certification) : null;
    const questions = drawn.map((q) => {
      const given = answers[q.questionId] ?? [];
      return { id: q.questionId, correct: given.length === q.correct.length && given.every((id) => q.correct.includes(id)) };
    });
    result = {
      score: attempt.score ?? 0,
      passed: attempt.passed === 1,
      passMark: attempt.pass_mark,
      correct: questions.filter((q) => q.correct).length,
      total: questions.length,
      questions,
      certification,
      nextAttemptAt: state?.nextAttemptAt ?? null,
      attemptsLeft: state?.left ?? null,
    };
  }
  return {
    id: attempt.id,
    courseId: attempt.course_id,
    startedAt: attempt.started_at,
    submittedAt: attempt.submitted_at,
    questions: drawn.map((q) => ({ id: q.questionId, prompt: q.prompt, multiple: q.correct.length > 1, options: q.options })),
    result,
  };
}
