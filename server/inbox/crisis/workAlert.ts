import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";

/**
 * Someone is on it: the alert stays open (on the dashboard, with who took it) until it is resolved.
 * Conditional on the alert still being unacknowledged, so of two people clicking at once one wins.
 */
export async function acknowledgeAlert(db: Database, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const alert = await trx
      .selectFrom("inbox_crisis_alerts")
      .select(["series", "acknowledged_at", "resolved_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!alert) throw notFound("Alert", "alert_not_found");
    if (alert.resolved_at) throw new AppError(409, "alert_resolved", "This alert is already resolved.");
    const now = new Date().toISOString();
    const done = await trx
      .updateTable("inbox_crisis_alerts")
      .set({ acknowledged_at: now, acknowledged_by: audit.actorId })
      .where("id", "=", id)
      .where("acknowledged_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError(409, "alert_already_acknowledged", "Someone already acknowledged this alert.");
    await recordAudit(trx, audit, {
      action: "inbox.crisis.alert_acknowledged",
      targetType: "crisis_alert",
      targetId: id,
      summary: `Acknowledged the spike alert on ${alert.series}`,
    });
  });
}

/** Closes an alert with what was done about it (acknowledging it too, if nobody had). */
export async function resolveAlert(db: Database, audit: AuditActor, id: string, note: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const alert = await trx.selectFrom("inbox_crisis_alerts").select(["series", "acknowledged_at"]).where("id", "=", id).executeTakeFirst();
    if (!alert) throw notFound("Alert", "alert_not_found");
    const now = new Date().toISOString();
    const done = await trx
      .updateTable("inbox_crisis_alerts")
      .set({
        resolved_at: now,
        resolved_by: audit.actorId,
        resolution_note: note.trim() || null,
        ...(alert.acknowledged_at ? {} : { acknowledged_at: now, acknowledged_by: audit.actorId }),
      })
      .where("id", "=", id)
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError(409, "alert_resolved", "This alert is already resolved.");
    await recordAudit(trx, audit, {
      action: "inbox.crisis.alert_resolved",
      targetType: "crisis_alert",
      targetId: id,
      summary: `Resolved the spike alert on ${alert.series}`,
      changes: { note: note.trim() || null },
    });
  });
}
