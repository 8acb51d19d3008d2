import type { Database } from "../db/database.js";
import { certificationStatus } from "../training/model.js";
import { column, percent, type ReportDefinition, type ReportTable } from "./model.js";

/**
 * Training completion per course, as of now, over everyone who can sign in (disabled people are
 * left out). Each person is in exactly one column: certified (including those inside the
 * recertification window, also counted in "renew soon"), expired, in progress (read a lesson or
 * started a quiz, no certificate yet) or not started.
 */
export async function trainingCompletion(db: Database, now: number): Promise<ReportTable> {
  const [courses, people, certs, attempts, reads] = await Promise.all([
    db.selectFrom("training_courses").selectAll().orderBy("title").execute(),
    db.selectFrom("users").select("id").where("disabled_at", "is", null).execute(),
    db.selectFrom("training_certifications").select(["course_id", "user_id", "expires_at"]).execute(),
    db.selectFrom("training_attempts").select(["course_id", "user_id"]).distinct().execute(),
    db
      .selectFrom("training_lesson_reads as r")
      .innerJoin("training_lessons as l", "l.id", "r.lesson_id")
      .select(["l.course_id", "r.user_id"])
      .distinct()
      .execute(),
  ]);
  const active = new Set(people.map((p) => p.id));
  return {
    columns: [
      column("course", "Course"),
      column("published", "Published"),
      column("people", "People"),
      column("certified", "Certified"),
      column("renewSoon", "Renew soon"),
      column("expired", "Expired"),
      column("inProgress", "In progress"),
      column("notStarted", "Not started"),
      column("completion", "Certified %"),
    ],
    rows: courses.map((course) => {
      const status = new Map<string, "certified" | "renew" | "expired" | "progress">();
      for (const a of [...attempts, ...reads]) if (a.course_id === course.id && active.has(a.user_id)) status.set(a.user_id, "progress");
      for (const c of certs) {
        if (c.course_id !== course.id || !active.has(c.user_id)) continue;
        const s = certificationStatus(c, course, now);
        status.set(c.user_id, s === "valid" ? "certified" : s);
      }
      const count = (...wanted: string[]) => [...status.values()].filter((s) => wanted.includes(s)).length;
      const certified = count("certified", "renew");
      return {
        course: course.title,
        published: course.published === 1 ? "yes" : "no",
        people: active.size,
        certified,
        renewSoon: count("renew"),
        expired: count("expired"),
        inProgress: count("progress"),
        notStarted: active.size - status.size,
        completion: percent(certified, active.size),
      };
    }),
  };
}

export const trainingReport: ReportDefinition = {
  name: "training",
  title: "Training completion",
  permission: "training.manage",
  ranged: false,
  build: (db, _range, now) => trainingCompletion(db, now),
};
