import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import type { ChecklistItem } from "./participant.js";
import { getOffboarding, type OffboardingView } from "./store.js";

/** Ticks (or unticks) one thing done by hand on a network after an offboarding. */
export async function markChecklistItem(
  db: Database,
  actor: AuditActor,
  id: string,
  index: number,
  done: boolean,
): Promise<OffboardingView> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("offboardings").select(["checklist", "user_email"]).where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("Offboarding", "offboarding_not_found");
    const checklist = JSON.parse(row.checklist) as ChecklistItem[];
    const item = checklist[index];
    if (!item) throw new AppError(404, "checklist_item_not_found", "There is no such checklist item.");
    if (item.done === done) return;
    checklist[index] = done
      ? { ...item, done, doneBy: actor.actorLabel, doneAt: new Date().toISOString() }
      : { area: item.area, title: item.title, detail: item.detail, ...(item.accountId ? { accountId: item.accountId } : {}), done };
    await trx
      .updateTable("offboardings")
      .set({ checklist: JSON.stringify(checklist) })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, actor, {
      action: done ? "offboarding.item_done" : "offboarding.item_reopened",
      targetType: "offboarding",
      targetId: id,
      summary: `${done ? "Done" : "Reopened"} for ${row.user_email}: ${item.title}`,
    });
  });
  const view = await getOffboarding(db, id);
  if (!view) throw notFound("Offboarding", "offboarding_not_found");
  return view;
}
