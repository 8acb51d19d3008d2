import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { renderMarkdown } from "../kb/render.js";
import type { LessonInput } from "./schema.js";
import { courseNotFound } from "./store.js";

const lessonNotFound = () => notFound("Lesson", "lesson_not_found");

/** Lessons are rendered with the knowledge base's renderer: the same allowlist, no script can survive. */
export async function createLesson(db: Database, audit: AuditActor, courseId: string, input: LessonInput): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const { html } = renderMarkdown(input.body);
  await db.transaction().execute(async (trx) => {
    const course = await trx.selectFrom("training_courses").select(["id", "title"]).where("id", "=", courseId).executeTakeFirst();
    if (!course) throw courseNotFound();
    const last = await trx
      .selectFrom("training_lessons")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("course_id", "=", courseId)
      .executeTakeFirst();
    const position = input.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
    await trx
      .insertInto("training_lessons")
      .values({ id, course_id: courseId, position, title: input.title, body: input.body, html, created_at: now, updated_at: now })
      .execute();
    await recordAudit(trx, audit, {
      action: "training.lesson_created",
      targetType: "training_course",
      targetId: courseId,
      summary: `Added the lesson “${input.title}” to “${course.title}”`,
      changes: { lessonId: id },
    });
  });
  return id;
}

export async function updateLesson(db: Database, audit: AuditActor, id: string, input: LessonInput): Promise<string> {
  const { html } = renderMarkdown(input.body);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("training_lessons").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw lessonNotFound();
    await trx
      .updateTable("training_lessons")
      .set({
        title: input.title,
        body: input.body,
        html,
        position: input.position ?? before.position,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, audit, {
      action: "training.lesson_updated",
      targetType: "training_course",
      targetId: before.course_id,
      summary: `Edited the lesson “${input.title}”`,
      changes: { lessonId: id, ...(before.title !== input.title ? { title: [before.title, input.title] } : {}) },
    });
    return before.course_id;
  });
}

export async function deleteLesson(db: Database, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("training_lessons").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw lessonNotFound();
    await trx.deleteFrom("training_lessons").where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "training.lesson_deleted",
      targetType: "training_course",
      targetId: before.course_id,
      summary: `Deleted the lesson “${before.title}”`,
      changes: { lessonId: id },
    });
  });
}

/** Marks a lesson read for the progress bar; reading it again changes nothing. */
export async function markLessonRead(
  db: Database,
  audit: AuditActor,
  lessonId: string,
  userId: string,
  visible: (courseId: string) => Promise<void>,
) {
  const lesson = await db.selectFrom("training_lessons").select(["id", "course_id", "title"]).where("id", "=", lessonId).executeTakeFirst();
  if (!lesson) throw lessonNotFound();
  await visible(lesson.course_id);
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("training_lesson_reads")
      .values({ lesson_id: lessonId, user_id: userId, read_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(["lesson_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAudit(trx, audit, {
      action: "training.lesson_read",
      targetType: "training_course",
      targetId: lesson.course_id,
      summary: `Read the lesson “${lesson.title}”`,
    });
  });
}
