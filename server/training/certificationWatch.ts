import { z } from "zod";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { loadRequirements } from "../identity/permissionGates.js";
import { ROLE_PERMISSIONS, type Role } from "../identity/roles.js";
import { defineJob } from "../jobs/job.js";
import { notify } from "../notifications/notify.js";
import { DAY_MS } from "./model.js";

/** Inside the recertification window, a reminder at its opening and then every week until expiry. */
const REMIND_EVERY_MS = 7 * DAY_MS;
const BATCH = 500;

/**
 * Reminds people whose certification is inside its recertification window (an in-app notification;
 * the notifications email job mails it when SMTP is configured). Each reminder is claimed by a
 * conditional update, so two runners never remind twice.
 */
export async function remindRecertifications(db: Database, now = Date.now()): Promise<number> {
  const at = new Date(now).toISOString();
  const due = await db
    .selectFrom("training_certifications")
    .innerJoin("training_courses", "training_courses.id", "training_certifications.course_id")
    .select([
      "training_certifications.id",
      "training_certifications.user_id",
      "training_certifications.expires_at",
      "training_certifications.reminded_at",
      "training_courses.id as course_id",
      "training_courses.title",
      "training_courses.recert_window_days",
    ])
    .where("training_certifications.expires_at", ">", at)
    .where("training_certifications.lapsed_at", "is", null)
    .limit(BATCH * 4)
    .execute();
  let sent = 0;
  for (const cert of due) {
    if (!cert.expires_at) continue;
    const opens = Date.parse(cert.expires_at) - cert.recert_window_days * DAY_MS;
    if (opens > now) continue;
    if (cert.reminded_at && Date.parse(cert.reminded_at) > Math.max(opens, now - REMIND_EVERY_MS)) continue;
    await db.transaction().execute(async (trx) => {
      let claim = trx.updateTable("training_certifications").set({ reminded_at: at }).where("id", "=", cert.id);
      claim = cert.reminded_at === null ? claim.where("reminded_at", "is", null) : claim.where("reminded_at", "=", cert.reminded_at);
      const claimed = await claim.executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      await notify(trx, [cert.user_id], {
        kind: "training.recertify",
        title: `Renew your “${cert.title}” certification by ${cert.expires_at?.slice(0, 10)}`,
        body: "Take the quiz again before it expires; what it allows you to do stops when it expires.",
        link: `/training/courses/${cert.course_id}`,
      });
      await recordAudit(trx, systemActor("training"), {
        action: "training.recertification_reminded",
        targetType: "user",
        targetId: cert.user_id,
        summary: `Reminded to renew “${cert.title}” before ${cert.expires_at?.slice(0, 10)}`,
        changes: { courseId: cert.course_id },
      });
      sent++;
    });
  }
  return sent;
}

/**
 * Records certifications that expired: the lapse, and each gated permission or role the person
 * loses with it, as audit events, and tells them. The permission check refuses from the expiry
 * instant on (identity/permissionGates.ts); this job is the record of it, not the enforcement.
 */
export async function recordLapses(db: Database, now = Date.now()): Promise<number> {
  const at = new Date(now).toISOString();
  const expired = await db
    .selectFrom("training_certifications")
    .innerJoin("training_courses", "training_courses.id", "training_certifications.course_id")
    .select([
      "training_certifications.id",
      "training_certifications.user_id",
      "training_certifications.expires_at",
      "training_courses.id as course_id",
      "training_courses.title",
    ])
    .where("training_certifications.expires_at", "<=", at)
    .where("training_certifications.lapsed_at", "is", null)
    .limit(BATCH)
    .execute();
  if (expired.length === 0) return 0;
  const requirements = await loadRequirements(db);
  let lapsed = 0;
  for (const cert of expired) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("training_certifications")
        .set({ lapsed_at: at })
        .where("id", "=", cert.id)
        .where("lapsed_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      lapsed++;
      const actor = systemActor("training");
      await recordAudit(trx, actor, {
        action: "training.certification_lapsed",
        targetType: "user",
        targetId: cert.user_id,
        summary: `The “${cert.title}” certification expired`,
        changes: { courseId: cert.course_id, expiredAt: cert.expires_at },
      });
      const roles = (await trx.selectFrom("user_roles").select("role").where("user_id", "=", cert.user_id).execute()).map((r) => r.role);
      const held = new Set(roles.flatMap((r) => [`role:${r}`, ...(ROLE_PERMISSIONS[r as Role] ?? []).map((p) => `permission:${p}`)]));
      const gated = [...requirements].filter(([subject, req]) => held.has(subject) && req.courses.has(cert.course_id)).map(([s]) => s);
      for (const subject of gated) {
        const [kind, name] = subject.split(":", 2);
        await recordAudit(trx, actor, {
          action: kind === "role" ? "identity.role_lapsed" : "identity.permission_lapsed",
          targetType: "user",
          targetId: cert.user_id,
          summary: `${kind === "role" ? "Role" : "Permission"} ${name} lapsed with the “${cert.title}” certification`,
          changes: { [kind === "role" ? "role" : "permission"]: name, courseId: cert.course_id },
        });
      }
      await notify(trx, [cert.user_id], {
        kind: "training.lapsed",
        title: `Your “${cert.title}” certification expired`,
        body:
          gated.length > 0
            ? `Until you pass it again you cannot use: ${gated.map((s) => s.split(":")[1]).join(", ")}.`
            : "Take the course again to renew it.",
        link: `/training/courses/${cert.course_id}`,
      });
    });
  }
  return lapsed;
}

export const certificationWatchJob = defineJob({
  name: "training.certifications",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 60_000 } },
  timeoutMs: 120_000,
  every: { ms: 15 * 60_000 },
  async run(_payload, { db }) {
    await recordLapses(db);
    await remindRecertifications(db);
  },
});
