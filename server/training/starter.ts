import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { renderMarkdown } from "../kb/render.js";

/**
 * The courses Switchboard ships (server/training/starter/*.yaml): installed once, at the first start
 * that finds them not yet installed (training_starter_imports), published, and then the
 * organisation's to edit or delete; a restart never overwrites or resurrects one. In an option, a
 * leading "= " marks a correct answer.
 */
const StarterCourse = z.strictObject({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  passMark: z.number().int(),
  questionsPerAttempt: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  retryDelayMinutes: z.number().int(),
  validityDays: z.number().int().nullable(),
  recertWindowDays: z.number().int(),
  lessons: z.array(z.strictObject({ title: z.string(), body: z.string() })),
  questions: z.array(z.strictObject({ prompt: z.string(), explanation: z.string(), options: z.array(z.string()).min(2) })),
});
type StarterCourse = z.infer<typeof StarterCourse>;

const HERE = path.dirname(fileURLToPath(import.meta.url));

function starterDir(): string {
  const candidates = [path.join(HERE, "starter"), path.resolve(HERE, "../../../server/training/starter")];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`Switchboard's starter courses are missing (looked in ${candidates.join(", ")})`);
  return found;
}

let cache: StarterCourse[] | undefined;
export function starterCourses(): StarterCourse[] {
  if (cache) return cache;
  const dir = starterDir();
  cache = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => StarterCourse.parse(parseYaml(readFileSync(path.join(dir, f), "utf8"))));
  return cache;
}

/** Installs the starter courses not installed before; returns how many it created. */
export async function installStarterCourses(db: Database): Promise<number> {
  const done = new Set((await db.selectFrom("training_starter_imports").select("key").execute()).map((r) => r.key));
  const pending = starterCourses().filter((c) => !done.has(`course:${c.slug}`));
  if (pending.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const created: string[] = [];
    for (const course of pending) {
      const claimed = await trx
        .insertInto("training_starter_imports")
        .values({ key: `course:${course.slug}`, imported_at: now })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      const taken = await trx.selectFrom("training_courses").select("id").where("slug", "=", course.slug).executeTakeFirst();
      if (taken) continue;
      const id = randomUUID();
      await trx
        .insertInto("training_courses")
        .values({
          id,
          slug: course.slug,
          title: course.title,
          summary: course.summary,
          published: 1,
          pass_mark: course.passMark,
          questions_per_attempt: course.questionsPerAttempt,
          max_attempts: course.maxAttempts,
          retry_delay_minutes: course.retryDelayMinutes,
          validity_days: course.validityDays,
          recert_window_days: course.recertWindowDays,
          starter_key: course.slug,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [position, lesson] of course.lessons.entries()) {
        await trx
          .insertInto("training_lessons")
          .values({
            id: randomUUID(),
            course_id: id,
            position,
            title: lesson.title,
            body: lesson.body,
            html: renderMarkdown(lesson.body).html,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      for (const [position, q] of course.questions.entries()) {
        const options = q.options.map((text) => ({ id: randomUUID(), text: text.replace(/^= /, ""), correct: text.startsWith("= ") }));
        await trx
          .insertInto("training_questions")
          .values({
            id: randomUUID(),
            course_id: id,
            prompt: q.prompt,
            explanation: q.explanation,
            options: JSON.stringify(options),
            position,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      created.push(course.title);
    }
    if (created.length > 0) {
      await recordAudit(trx, systemActor(), {
        action: "training.starter_installed",
        targetType: "training",
        summary: `Installed ${created.length} starter course(s) shipped with Switchboard`,
        changes: { courses: created },
      });
    }
    return created.length;
  });
}
