import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, badRequest, conflict, notFound } from "../errors.js";
import { DAY_MS, parseDrawn } from "./model.js";

export const attemptNotFound = () => notFound("Attempt", "attempt_not_found");

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Grades an attempt on the server from the draw it stored: an answer for a question that was not
 * drawn, or an option that was not shown with it, is refused (400, the attempt stays open); a
 * submitted attempt is taken once by a conditional update, so a replay or a second tab gets 409 and
 * grants nothing. Passing grants (or renews) the certification in the same transaction.
 */
export async function submitAttempt(
  db: Database,
  audit: AuditActor,
  attemptId: string,
  userId: string,
  answers: { questionId: string; optionIds: string[] }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const attempt = await trx.selectFrom("training_attempts").selectAll().where("id", "=", attemptId).executeTakeFirst();
    // Another person's attempt is not found: its existence is not theirs to learn.
    if (!attempt || attempt.user_id !== userId) throw attemptNotFound();
    if (attempt.submitted_at !== null) throw conflict("attempt_already_submitted", "This attempt was already submitted. Start a new one.");
    const drawn = parseDrawn(attempt.questions);
    const given = new Map<string, string[]>();
    for (const answer of answers) {
      const question = drawn.find((q) => q.questionId === answer.questionId);
      if (!question || given.has(answer.questionId)) {
        throw badRequest("answer_not_in_attempt", "An answer names a question that is not part of this attempt.", {
          questionId: answer.questionId,
        });
      }
      const ids = [...new Set(answer.optionIds)];
      if (ids.some((id) => !question.options.some((o) => o.id === id))) {
        throw badRequest("answer_not_in_attempt", "An answer names an option that was not shown with its question.", {
          questionId: answer.questionId,
        });
      }
      given.set(answer.questionId, ids);
    }
    const results = drawn.map((q) => ({ id: q.questionId, correct: sameSet(given.get(q.questionId) ?? [], q.correct) }));
    const right = results.filter((r) => r.correct).length;
    const score = drawn.length === 0 ? 0 : Math.round((100 * right) / drawn.length);
    const passed = score >= attempt.pass_mark;
    const now = new Date().toISOString();
    const taken = await trx
      .updateTable("training_attempts")
      .set({ submitted_at: now, answers: JSON.stringify(Object.fromEntries(given)), score, passed: passed ? 1 : 0 })
      .where("id", "=", attemptId)
      .where("submitted_at", "is", null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1)
      throw conflict("attempt_already_submitted", "This attempt was already submitted. Start a new one.");
    const course = await trx.selectFrom("training_courses").selectAll().where("id", "=", attempt.course_id).executeTakeFirst();
    if (!course) throw new AppError(404, "course_not_found", "Course was not found.");
    await recordAudit(trx, audit, {
      action: "training.attempt_submitted",
      targetType: "training_course",
      targetId: course.id,
      summary: `${passed ? "Passed" : "Failed"} the quiz of “${course.title}” with ${score}%`,
      changes: { attemptId, score, passed, passMark: attempt.pass_mark },
    });
    if (!passed) return;
    const expiresAt = course.validity_days === null ? null : new Date(Date.parse(now) + course.validity_days * DAY_MS).toISOString();
    const before = await trx
      .selectFrom("training_certifications")
      .select(["id", "expires_at"])
      .where("course_id", "=", course.id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const values = { attempt_id: attemptId, score, granted_at: now, expires_at: expiresAt, reminded_at: null, lapsed_at: null };
    if (before) await trx.updateTable("training_certifications").set(values).where("id", "=", before.id).execute();
    else
      await trx
        .insertInto("training_certifications")
        .values({ id: randomUUID(), course_id: course.id, user_id: userId, ...values })
        .execute();
    await recordAudit(trx, audit, {
      action: before ? "training.recertified" : "training.certified",
      targetType: "user",
      targetId: userId,
      summary: `Certified in “${course.title}”${expiresAt ? ` until ${expiresAt.slice(0, 10)}` : ""}`,
      changes: { courseId: course.id, expiresAt: before ? [before.expires_at, expiresAt] : expiresAt },
    });
  });
}
