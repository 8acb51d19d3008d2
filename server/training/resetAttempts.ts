import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import type { CourseRow } from "./model.js";

/** A training manager lets someone who used up their attempts (or is waiting out the delay) try again now. */
export async function resetAttempts(db: Database, audit: AuditActor, course: CourseRow, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email"]).where("id", "=", userId).executeTakeFirst();
    if (!user) throw notFound("User", "user_not_found");
    const now = new Date().toISOString();
    await trx
      .insertInto("training_attempt_resets")
      .values({ course_id: course.id, user_id: userId, reset_at: now })
      .onConflict((oc) => oc.columns(["course_id", "user_id"]).doUpdateSet({ reset_at: now }))
      .execute();
    await recordAudit(trx, audit, {
      action: "training.attempts_reset",
      targetType: "user",
      targetId: userId,
      summary: `Let ${user.email} take “${course.title}” again`,
      changes: { courseId: course.id },
    });
  });
}
