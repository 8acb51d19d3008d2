import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { orConflict } from "../db/uniqueViolation.js";
import { conflict } from "../errors.js";
import { invalidatePermissionRequirements } from "../identity/permissionGates.js";
import { slugify } from "../kb/render.js";
import type { CourseInput } from "./schema.js";
import { courseNotFound } from "./store.js";

const slugTaken = () => conflict("course_slug_taken", "Another course already uses that address.");

function columns(input: CourseInput) {
  return {
    title: input.title,
    summary: input.summary,
    published: input.published ? 1 : 0,
    pass_mark: input.passMark,
    questions_per_attempt: input.questionsPerAttempt,
    max_attempts: input.maxAttempts,
    retry_delay_minutes: input.retryDelayMinutes,
    validity_days: input.validityDays,
    recert_window_days: input.recertWindowDays,
  };
}

export async function createCourse(db: Database, audit: AuditActor, input: CourseInput): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const slug = input.slug ?? (slugify(input.title) || "course");
  await orConflict(
    () =>
      db.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom("training_courses").select("id").where("slug", "=", slug).executeTakeFirst();
        if (taken) throw slugTaken();
        await trx
          .insertInto("training_courses")
          .values({ id, slug, ...columns(input), starter_key: null, created_at: now, updated_at: now })
          .execute();
        await recordAudit(trx, audit, {
          action: "training.course_created",
          targetType: "training_course",
          targetId: id,
          summary: `Created the course “${input.title}”`,
        });
      }),
    slugTaken,
  );
  return id;
}

export async function updateCourse(db: Database, audit: AuditActor, id: string, input: CourseInput): Promise<void> {
  await orConflict(
    () =>
      db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom("training_courses").selectAll().where("id", "=", id).executeTakeFirst();
        if (!before) throw courseNotFound();
        const slug = input.slug ?? before.slug;
        const taken = await trx.selectFrom("training_courses").select("id").where("slug", "=", slug).executeTakeFirst();
        if (taken && taken.id !== id) throw slugTaken();
        const after = { slug, ...columns(input) };
        await trx
          .updateTable("training_courses")
          .set({ ...after, updated_at: new Date().toISOString() })
          .where("id", "=", id)
          .execute();
        const changes = Object.fromEntries(
          Object.entries(after)
            .filter(([k, v]) => before[k as keyof typeof before] !== v)
            .map(([k, v]) => [k, [before[k as keyof typeof before], v]]),
        );
        await recordAudit(trx, audit, {
          action: "training.course_updated",
          targetType: "training_course",
          targetId: id,
          summary: `Updated the course “${input.title}”`,
          changes,
        });
      }),
    slugTaken,
  );
  // The course's title appears in refusals.
  invalidatePermissionRequirements(db);
}

/** Deletes a course with its lessons, questions, attempts and certifications, and any requirement naming it. */
export async function deleteCourse(db: Database, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("training_courses").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw courseNotFound();
    const requirements = await trx.selectFrom("permission_requirements").select("subject").where("course_id", "=", id).execute();
    await trx.deleteFrom("permission_requirements").where("course_id", "=", id).execute();
    await trx.deleteFrom("training_courses").where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "training.course_deleted",
      targetType: "training_course",
      targetId: id,
      summary: `Deleted the course “${before.title}”`,
      changes: { requiredBy: requirements.map((r) => r.subject) },
    });
  });
  invalidatePermissionRequirements(db);
}
