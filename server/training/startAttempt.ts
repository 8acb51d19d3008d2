import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { DialectCapabilities } from "../db/capabilities.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { type CourseRow, type DrawnQuestion, parseOptions, shuffle } from "./model.js";
import { type AttemptBlock, attemptState } from "./store.js";

const REFUSALS: Record<AttemptBlock, (nextAt: string | null) => AppError> = {
  course_has_no_questions: () => new AppError(409, "course_has_no_questions", "This course has no quiz questions yet."),
  already_certified: () =>
    new AppError(409, "already_certified", "You are certified for this course; you can retake it when recertification opens."),
  attempt_limit_reached: () =>
    new AppError(409, "attempt_limit_reached", "You have used all your attempts at this quiz.", {
      help: "Ask a training manager to let you try again.",
    }),
  attempt_too_soon: (nextAt) =>
    new AppError(429, "attempt_too_soon", "Review the lessons before you try again.", {
      details: { nextAttemptAt: nextAt },
      ...(nextAt ? { headers: { "retry-after": String(Math.max(1, Math.ceil((Date.parse(nextAt) - Date.now()) / 1000))) } } : {}),
    }),
};

/**
 * Starts (or resumes) a quiz attempt: draws `questions_per_attempt` questions from the bank and
 * shuffles each one's options, and keeps the draw, with its answer key, in the attempt row. The
 * client gets the questions without the key; grading reads only this row.
 */
export async function startAttempt(
  db: Database,
  capabilities: DialectCapabilities,
  audit: AuditActor,
  course: CourseRow,
  userId: string,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    // Two starts at once by the same person would both pass the checks: serialise them on the user's row.
    if (capabilities.supportsConcurrentWriters) await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().execute();
    const state = await attemptState(trx, course, userId, Date.now());
    if (state.openAttemptId) return state.openAttemptId;
    if (state.blockedBy) throw REFUSALS[state.blockedBy](state.nextAttemptAt);
    const bank = await trx.selectFrom("training_questions").selectAll().where("course_id", "=", course.id).execute();
    const drawn: DrawnQuestion[] = shuffle(bank)
      .slice(0, course.questions_per_attempt)
      .map((q) => {
        const options = parseOptions(q.options);
        return {
          questionId: q.id,
          prompt: q.prompt,
          options: shuffle(options).map((o) => ({ id: o.id, text: o.text })),
          correct: options.filter((o) => o.correct).map((o) => o.id),
        };
      });
    const id = randomUUID();
    await trx
      .insertInto("training_attempts")
      .values({
        id,
        course_id: course.id,
        user_id: userId,
        questions: JSON.stringify(drawn),
        pass_mark: course.pass_mark,
        started_at: new Date().toISOString(),
        submitted_at: null,
        answers: null,
        score: null,
        passed: null,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: "training.attempt_started",
      targetType: "training_course",
      targetId: course.id,
      summary: `Started the quiz of “${course.title}”`,
      changes: { attemptId: id, questions: drawn.length },
    });
    return id;
  });
}
