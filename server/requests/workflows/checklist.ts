import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { forbidden, notFound } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import type { ChecklistItem } from "../model.js";
import { canWork, visibleRequest } from "../store.js";

/** Ticks (or unticks) one step of a request's takedown checklist. */
export async function setChecklistItem(db: Database, audit: AuditActor, actor: Actor, number: number, itemId: string, done: boolean) {
  if (!canWork(actor)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const row = await visibleRequest(trx, actor, number);
    const list = row.checklist ? (JSON.parse(row.checklist) as ChecklistItem[]) : [];
    const item = list.find((i) => i.id === itemId);
    if (!item) throw notFound("Checklist item", "checklist_item_not_found");
    if (item.done === done) return;
    const at = new Date().toISOString();
    Object.assign(item, done ? { done, doneBy: actor.user.name || actor.user.email, doneAt: at } : { done, doneBy: null, doneAt: null });
    await trx
      .updateTable("requests")
      .set({ checklist: JSON.stringify(list), updated_at: at })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "request.checklist_updated",
      targetType: "request",
      targetId: row.id,
      summary: `${done ? "Ticked" : "Unticked"} “${item.label}” on request #${row.number}`,
      changes: { item: item.label, done: [!done, done] },
    });
  });
}
