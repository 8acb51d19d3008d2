import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { parseOptions, type StoredOption } from "./model.js";
import type { QuestionInput } from "./schema.js";
import { courseNotFound } from "./store.js";

const questionNotFound = () => notFound("Question", "question_not_found");

/** Options keep their id while their text stays the same, so an edit does not reshuffle what reports refer to. */
function optionsOf(input: QuestionInput, before: StoredOption[] = []): StoredOption[] {
  return input.options.map((o) => ({ id: before.find((b) => b.text === o.text)?.id ?? randomUUID(), text: o.text, correct: o.correct }));
}

export async function createQuestion(db: Database, audit: AuditActor, courseId: string, input: QuestionInput): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const course = await trx.selectFrom("training_courses").select(["id", "title"]).where("id", "=", courseId).executeTakeFirst();
    if (!course) throw courseNotFound();
    const last = await trx
      .selectFrom("training_questions")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("course_id", "=", courseId)
      .executeTakeFirst();
    await trx
      .insertInto("training_questions")
      .values({
        id,
        course_id: courseId,
        prompt: input.prompt,
        explanation: input.explanation,
        options: JSON.stringify(optionsOf(input)),
        position: last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: "training.question_created",
      targetType: "training_course",
      targetId: courseId,
      summary: `Added a question to “${course.title}”`,
      changes: { questionId: id },
    });
  });
  return id;
}

/** Attempts already drawn keep the question as it was when drawn (their own copy of the answer key). */
export async function updateQuestion(db: Database, audit: AuditActor, id: string, input: QuestionInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("training_questions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw questionNotFound();
    await trx
      .updateTable("training_questions")
      .set({
        prompt: input.prompt,
        explanation: input.explanation,
        options: JSON.stringify(optionsOf(input, parseOptions(before.options))),
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, audit, {
      action: "training.question_updated",
      targetType: "training_course",
      targetId: before.course_id,
      summary: "Edited a quiz question",
      changes: { questionId: id },
    });
  });
}

export async function deleteQuestion(db: Database, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("training_questions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw questionNotFound();
    await trx.deleteFrom("training_questions").where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "training.question_deleted",
      targetType: "training_course",
      targetId: before.course_id,
      summary: "Deleted a quiz question",
      changes: { questionId: id, prompt: before.prompt },
    });
  });
}
