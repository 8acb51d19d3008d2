import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../../audit/context.js";
import { recordAudit } from "../../../audit/record.js";
import type { Database } from "../../../db/database.js";
import { isUniqueViolation } from "../../../db/uniqueViolation.js";
import { AppError, badRequest, notFound } from "../../../errors.js";
import type { Actor } from "../../../identity/actor.js";
import { notifyLeads } from "../../../posts/pause/notifyLeads.js";
import { pausePublishing } from "../../../posts/pause/pausePublishing.js";
import { resumePublishing } from "../../../posts/pause/resumePublishing.js";

/** Negative conversations this recent are raised to urgent when a crisis starts. */
const RAISE_WINDOW_MS = 24 * 3_600_000;

export interface StartCrisisInput {
  reason: string;
  /** The alert that prompted it, if any. */
  alertId?: string | undefined;
}

/**
 * Crisis mode: scheduled publishing is paused (everything, with the crisis as the reason, unless
 * everything is paused already), open negative conversations of the last day are raised to urgent, the
 * policy's campaign-risk check treats the brand as in crisis, and the social leads are told. One at a time.
 */
export async function startCrisisMode(db: Database, actor: Actor, audit: AuditActor, input: StartCrisisInput): Promise<string> {
  const reason = input.reason.trim();
  if (!reason) throw badRequest("reason_required", "Say what the crisis is: everyone who sees the banner reads it.");
  const active = await db.selectFrom("inbox_crisis_modes").select("id").where("ended_at", "is", null).executeTakeFirst();
  if (active) throw new AppError(409, "crisis_already_active", "Crisis mode is already on.", { details: { crisisId: active.id } });
  if (input.alertId) {
    const alert = await db.selectFrom("inbox_crisis_alerts").select("id").where("id", "=", input.alertId).executeTakeFirst();
    if (!alert) throw new AppError(404, "alert_not_found", "That alert was not found.");
  }
  const id = randomUUID();
  const now = new Date();
  // The crisis row first: its unique `active` key lets only one of two simultaneous starts through.
  try {
    await db
      .insertInto("inbox_crisis_modes")
      .values({
        id,
        reason,
        alert_id: input.alertId ?? null,
        pause_id: null,
        started_by: actor.user.id,
        started_at: now.toISOString(),
        ended_by: null,
        ended_at: null,
        active: 1,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, "crisis_already_active", "Crisis mode is already on.");
    throw error;
  }
  const allPaused = await db
    .selectFrom("publish_pauses")
    .select("id")
    .where("resumed_at", "is", null)
    .where("scope", "=", "all")
    .executeTakeFirst();
  const pauseId = allPaused ? null : await pausePublishing(db, actor, audit, { scope: "all", reason: `Crisis: ${reason}` });
  await db.transaction().execute(async (trx) => {
    if (pauseId) await trx.updateTable("inbox_crisis_modes").set({ pause_id: pauseId }).where("id", "=", id).execute();
    const raised = await trx
      .updateTable("inbox_conversations")
      .set({ priority: "urgent", updated_at: now.toISOString() })
      .where("status", "in", ["open", "pending"])
      .where("sentiment", "=", "negative")
      .where("last_message_at", ">=", new Date(now.getTime() - RAISE_WINDOW_MS).toISOString())
      .where("priority", "!=", "urgent")
      .executeTakeFirst();
    await recordAudit(trx, audit, {
      action: "inbox.crisis.started",
      targetType: "crisis_mode",
      targetId: id,
      summary: `Crisis mode on: ${reason}`,
      changes: { reason, alertId: input.alertId ?? null, pauseId, raisedToUrgent: Number(raised.numUpdatedRows) },
    });
    await notifyLeads(trx, actor.user.id, {
      kind: "inbox.crisis",
      title: "Crisis mode is on",
      body: `${actor.user.name} turned crisis mode on: ${reason}. Scheduled publishing is paused; negative conversations are urgent.`,
      link: "/inbox",
    });
  });
  return id;
}

/** Ends crisis mode; the pause it made is resumed (one made by hand stays until someone resumes it). */
export async function endCrisisMode(db: Database, actor: Actor, audit: AuditActor, id: string): Promise<void> {
  const crisis = await db.selectFrom("inbox_crisis_modes").selectAll().where("id", "=", id).executeTakeFirst();
  if (!crisis) throw notFound("Crisis", "crisis_not_found");
  if (crisis.ended_at) throw new AppError(409, "crisis_already_ended", "This crisis mode has already ended.");
  if (crisis.pause_id) {
    const pause = await db.selectFrom("publish_pauses").select("resumed_at").where("id", "=", crisis.pause_id).executeTakeFirst();
    if (pause && !pause.resumed_at) await resumePublishing(db, actor, audit, crisis.pause_id);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("inbox_crisis_modes")
      .set({ ended_by: actor.user.id, ended_at: new Date().toISOString(), active: null })
      .where("id", "=", id)
      .where("ended_at", "is", null)
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.crisis.ended",
      targetType: "crisis_mode",
      targetId: id,
      summary: `Crisis mode off: ${crisis.reason}`,
      changes: { pauseResumed: crisis.pause_id },
    });
  });
}
