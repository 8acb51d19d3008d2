import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { invalidatePermissionRequirements } from "../identity/permissionGates.js";
import { PERMISSIONS, ROLES } from "../identity/roles.js";

export interface RequirementInput {
  subject: string;
  courseIds: string[];
  policy: boolean;
}

/** The one-click starter: composing, scheduling and publishing posts needs both starter courses. */
export const STARTER_REQUIREMENT = { subject: "permission:posts.write", courseSlugs: ["netiquette-basics", "brand-voice"] } as const;

export function validSubject(subject: string): boolean {
  const [kind, name] = subject.split(":", 2);
  if (kind === "permission") return (PERMISSIONS as readonly string[]).includes(name ?? "");
  if (kind === "role") return (ROLES as readonly string[]).includes(name ?? "");
  return false;
}

export async function listRequirements(db: Database) {
  const rows = await db
    .selectFrom("permission_requirements")
    .leftJoin("training_courses", "training_courses.id", "permission_requirements.course_id")
    .select([
      "permission_requirements.subject",
      "permission_requirements.kind",
      "permission_requirements.course_id",
      "training_courses.title",
    ])
    .orderBy("permission_requirements.subject")
    .orderBy("training_courses.title")
    .execute();
  const bySubject = new Map<string, { subject: string; courses: { id: string; title: string }[]; policy: boolean }>();
  for (const row of rows) {
    const entry = bySubject.get(row.subject) ?? { subject: row.subject, courses: [], policy: false };
    if (row.kind === "policy") entry.policy = true;
    else if (row.course_id) entry.courses.push({ id: row.course_id, title: row.title ?? "" });
    bySubject.set(row.subject, entry);
  }
  return [...bySubject.values()];
}

/** Replaces every requirement with `wanted`; audited with what was there before. */
export async function saveRequirements(db: Database, audit: AuditActor, wanted: RequirementInput[], summary?: string): Promise<void> {
  for (const r of wanted) {
    if (!validSubject(r.subject))
      throw new AppError(400, "unknown_requirement_subject", `“${r.subject}” is not a permission or a role.`, {
        details: { subject: r.subject },
      });
  }
  const subjects = wanted.map((r) => r.subject);
  if (new Set(subjects).size !== subjects.length)
    throw new AppError(400, "duplicate_requirement_subject", "Each permission or role may appear once.");
  await db.transaction().execute(async (trx) => {
    const courseIds = [...new Set(wanted.flatMap((r) => r.courseIds))];
    if (courseIds.length > 0) {
      const found = await trx.selectFrom("training_courses").select("id").where("id", "in", courseIds).execute();
      const missing = courseIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0)
        throw new AppError(400, "course_not_found", "A required course does not exist.", { details: { courseIds: missing } });
    }
    const before = await listRequirements(trx);
    await trx.deleteFrom("permission_requirements").execute();
    const now = new Date().toISOString();
    const rows = wanted.flatMap((r) => [
      ...[...new Set(r.courseIds)].map((courseId) => ({
        id: randomUUID(),
        subject: r.subject,
        kind: "course",
        course_id: courseId,
        created_at: now,
      })),
      ...(r.policy ? [{ id: randomUUID(), subject: r.subject, kind: "policy", course_id: null, created_at: now }] : []),
    ]);
    if (rows.length > 0) await trx.insertInto("permission_requirements").values(rows).execute();
    await recordAudit(trx, audit, {
      action: "identity.permission_requirements_changed",
      targetType: "permission_requirements",
      summary: summary ?? "Changed which permissions and roles need training or the policy",
      changes: {
        before: before.map((b) => ({ subject: b.subject, courses: b.courses.map((c) => c.title), policy: b.policy })),
        after: await listRequirements(trx).then((list) =>
          list.map((b) => ({ subject: b.subject, courses: b.courses.map((c) => c.title), policy: b.policy })),
        ),
      },
    });
  });
  invalidatePermissionRequirements(db);
}

/** Turns on the starter requirement, keeping what else is configured. */
export async function applyStarterRequirement(db: Database, audit: AuditActor): Promise<void> {
  const courses = await db
    .selectFrom("training_courses")
    .select(["id", "slug"])
    .where("slug", "in", [...STARTER_REQUIREMENT.courseSlugs])
    .execute();
  if (courses.length !== STARTER_REQUIREMENT.courseSlugs.length) {
    throw new AppError(
      409,
      "starter_courses_missing",
      "The starter courses “Netiquette basics” and “Brand voice” were deleted or renamed.",
    );
  }
  const current = await listRequirements(db);
  const existing = current.find((r) => r.subject === STARTER_REQUIREMENT.subject);
  const merged: RequirementInput[] = current
    .filter((r) => r.subject !== STARTER_REQUIREMENT.subject)
    .map((r) => ({ subject: r.subject, courseIds: r.courses.map((c) => c.id), policy: r.policy }));
  merged.push({
    subject: STARTER_REQUIREMENT.subject,
    courseIds: [...new Set([...(existing?.courses.map((c) => c.id) ?? []), ...courses.map((c) => c.id)])],
    policy: existing?.policy ?? false,
  });
  await saveRequirements(db, audit, merged, "Publishing now needs “Netiquette basics” and “Brand voice”");
}
