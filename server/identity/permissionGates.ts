import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { type Permission, permissionsForRoles, ROLE_PERMISSIONS, type Role } from "./roles.js";

/**
 * The one place where what people have learned and accepted limits what their roles grant.
 * Admins require, per permission (`permission:posts.write`) or per role (`role:contributor`), a
 * course's certification and/or the current social media policy acknowledged
 * (permission_requirements). Every request's actor is built through `resolvePermissions`, so a
 * certification that expired a second ago is refused at once, before any job has noticed; what is
 * withheld, and why, travels with the actor so the route check answers 403 `certification_required`
 * or `policy_acknowledgment_required` naming what is missing.
 */

export interface MissingRequirements {
  courses: { id: string; title: string }[];
  policy: boolean;
}

export interface ResolvedPermissions {
  permissions: Set<Permission>;
  withheld: Map<Permission, MissingRequirements>;
}

interface Requirement {
  courses: Map<string, string>;
  policy: boolean;
}

/** subject ("permission:x" | "role:y") → what it needs. */
export type RequirementMap = Map<string, Requirement>;

/**
 * Requirements change rarely (an admin's settings page) and are read on every signed-in request:
 * kept per database for a few seconds. Writes in this process clear it at once; another process
 * sees a change within CACHE_MS. Expiry itself is never cached: holdings are read per request.
 */
const CACHE_MS = 5_000;
const cache = new WeakMap<Database, { at: number; map: RequirementMap }>();

export function invalidatePermissionRequirements(db: Database): void {
  cache.delete(db);
}

export async function loadRequirements(db: Database): Promise<RequirementMap> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.map;
  const rows = await db
    .selectFrom("permission_requirements")
    .leftJoin("training_courses", "training_courses.id", "permission_requirements.course_id")
    .select([
      "permission_requirements.subject",
      "permission_requirements.kind",
      "permission_requirements.course_id",
      "training_courses.title",
    ])
    .execute();
  const map: RequirementMap = new Map();
  for (const row of rows) {
    const entry = map.get(row.subject) ?? { courses: new Map(), policy: false };
    if (row.kind === "policy") entry.policy = true;
    else if (row.course_id) entry.courses.set(row.course_id, row.title ?? "a course");
    map.set(row.subject, entry);
  }
  cache.set(db, { at: Date.now(), map });
  return map;
}

/** Course ids this user holds a certification for that has not expired at `now`. */
export async function validCertifications(db: Database, userId: string, courseIds: string[], now: string): Promise<Set<string>> {
  if (courseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("training_certifications")
    .select("course_id")
    .where("user_id", "=", userId)
    .where("course_id", "in", courseIds)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .execute();
  return new Set(rows.map((r) => r.course_id));
}

/**
 * Whether the user has accepted the policy as the gate needs: the latest substantive version; or,
 * while that version's campaign is open and before its due date (or late acknowledgment is
 * allowed), the substantive version before it: a change does not stop everyone at once.
 */
export async function policyAccepted(db: Database, userId: string, now: string): Promise<boolean> {
  const substantive = await db
    .selectFrom("policy_versions")
    .select("version")
    .where("substantive", "=", 1)
    .orderBy("version", "desc")
    .limit(2)
    .execute();
  const latest = substantive[0]?.version;
  if (latest === undefined) return true;
  const acked = await db
    .selectFrom("policy_acknowledgments")
    .select(sql<number | null>`max(version)`.as("version"))
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const accepted = acked?.version ?? null;
  if (accepted !== null && Number(accepted) >= latest) return true;
  const campaign = await db
    .selectFrom("policy_campaigns")
    .select(["due_at", "allow_late"])
    .where("version", "=", latest)
    .where("closed_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  if (!campaign || (campaign.due_at <= now && campaign.allow_late !== 1)) return false;
  const previous = substantive[1]?.version;
  return previous === undefined || (accepted !== null && Number(accepted) >= previous);
}

const roleSubject = (role: string) => `role:${role}`;
const permissionSubject = (permission: string) => `permission:${permission}`;

function addMissing(into: Map<Permission, MissingRequirements>, permission: Permission, missing: MissingRequirements) {
  const entry = into.get(permission) ?? { courses: [], policy: false };
  for (const course of missing.courses) if (!entry.courses.some((c) => c.id === course.id)) entry.courses.push(course);
  entry.policy ||= missing.policy;
  into.set(permission, entry);
}

/** What a person's roles grant once the requirements they have not met are taken away. */
export async function resolvePermissions(
  db: Database,
  userId: string,
  roles: readonly string[],
  at = new Date(),
): Promise<ResolvedPermissions> {
  const requirements = await loadRequirements(db);
  const granted = permissionsForRoles(roles);
  if (requirements.size === 0) return { permissions: granted, withheld: new Map() };

  const subjects = [...roles.map(roleSubject), ...[...granted].map(permissionSubject)].filter((s) => requirements.has(s));
  if (subjects.length === 0) return { permissions: granted, withheld: new Map() };
  const now = at.toISOString();
  const courseIds = [...new Set(subjects.flatMap((s) => [...(requirements.get(s)?.courses.keys() ?? [])]))];
  const held = await validCertifications(db, userId, courseIds, now);
  const needsPolicy = subjects.some((s) => requirements.get(s)?.policy);
  const accepted = needsPolicy ? await policyAccepted(db, userId, now) : true;
  const missingFor = (subject: string): MissingRequirements | null => {
    const req = requirements.get(subject);
    if (!req) return null;
    const courses = [...req.courses].filter(([id]) => !held.has(id)).map(([id, title]) => ({ id, title }));
    const policy = req.policy && !accepted;
    return courses.length > 0 || policy ? { courses, policy } : null;
  };

  // A role whose requirements are not met grants nothing that another role, or the baseline every
  // signed-in person has (the employee role's), does not also grant.
  const withheld = new Map<Permission, MissingRequirements>();
  const unmetRoles = new Map<string, MissingRequirements>();
  for (const role of roles) {
    const missing = missingFor(roleSubject(role));
    if (missing) unmetRoles.set(role, missing);
  }
  const permissions = permissionsForRoles(roles.filter((r) => !unmetRoles.has(r)));
  if (unmetRoles.size > 0) for (const p of ROLE_PERMISSIONS.employee) if (granted.has(p)) permissions.add(p);
  for (const [role, missing] of unmetRoles) {
    for (const p of ROLE_PERMISSIONS[role as Role] ?? []) if (!permissions.has(p)) addMissing(withheld, p, missing);
  }
  for (const p of [...permissions]) {
    const missing = missingFor(permissionSubject(p));
    if (!missing) continue;
    permissions.delete(p);
    addMissing(withheld, p, missing);
  }
  return { permissions, withheld };
}

/** The refusal for a permission the person's role grants but a requirement withholds. */
export function requirementRefusal(permission: Permission, missing: MissingRequirements): AppError {
  const titles = missing.courses.map((c) => `“${c.title}”`);
  if (titles.length > 0) {
    return new AppError(
      403,
      "certification_required",
      `This needs the ${titles.join(" and ")} certification${titles.length > 1 ? "s" : ""}${missing.policy ? " and the current social media policy acknowledged" : ""}.`,
      { details: { permission, courses: missing.courses, policy: missing.policy }, help: "Take the course under My training (/training)." },
    );
  }
  return new AppError(403, "policy_acknowledgment_required", "This needs the current social media policy acknowledged.", {
    details: { permission, courses: [], policy: true },
    help: "Read and acknowledge it under Policies (/attestation).",
  });
}
