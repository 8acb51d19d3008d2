import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { conflict, notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { notifyLeads } from "./notifyLeads.js";

/**
 * Ends a pause. What it held goes back under the normal rules at the engine's next pass: due posts go
 * out, and those further past their time than the missed window are marked missed, so nothing stale
 * goes out unreviewed. Other pauses in force keep holding what they cover.
 */
export async function resumePublishing(db: Database, actor: Actor, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const pause = await trx.selectFrom("publish_pauses").selectAll().where("id", "=", id).executeTakeFirst();
    if (!pause) throw notFound("Pause", "pause_not_found");
    const at = new Date().toISOString();
    const resumed = await trx
      .updateTable("publish_pauses")
      .set({ resumed_by: actor.user.id, resumed_at: at })
      .where("id", "=", id)
      .where("resumed_at", "is", null)
      .executeTakeFirst();
    if (Number(resumed.numUpdatedRows) !== 1) {
      throw conflict("pause_not_in_force", `This pause (${pause.scope_label}) has already been resumed.`);
    }
    await recordAudit(trx, audit, {
      action: "publishing.resumed",
      targetType: "publish_pause",
      targetId: id,
      summary: `Resumed publishing: ${pause.scope_label} (paused because: ${pause.reason})`,
      changes: { resumedAt: [null, at] },
    });
    await notifyLeads(trx, actor.user.id, {
      kind: "publishing.resumed",
      title: `Publishing resumed: ${pause.scope_label}`,
      body: `${actor.user.name} resumed publishing. Held posts go out now, except those too late, which are marked missed.`,
      link: "/publishing",
    });
  });
}
