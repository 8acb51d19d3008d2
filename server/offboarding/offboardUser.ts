import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { findUserById } from "../identity/store.js";
import type { ChecklistItem, OffboardingContext } from "./participant.js";
import { OFFBOARDING_PARTICIPANTS } from "./participants.js";
import { getOffboarding, type OffboardingView } from "./store.js";

/**
 * Offboards a person in one transaction: every area revokes and reassigns
 * what is theirs, and the result keeps a checklist of what must still be
 * removed on the networks by hand.
 */
export async function offboardUser(db: Database, actor: AuditActor, userId: string, reassignToId: string | null): Promise<OffboardingView> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound("User", "user_not_found");
  let reassignTo: OffboardingContext["reassignTo"] = null;
  if (reassignToId) {
    if (reassignToId === userId) throw new AppError(400, "reassign_to_self", "Choose someone else to take over.");
    const target = await findUserById(db, reassignToId);
    if (!target || target.disabled_at !== null) throw new AppError(400, "invalid_successor", "The successor must be an active user.");
    reassignTo = { id: target.id, email: target.email, name: target.name };
  }
  const ctx: OffboardingContext = { user: { id: user.id, email: user.email, name: user.name }, reassignTo, actor };
  for (const p of OFFBOARDING_PARTICIPANTS) await p.check?.(db, ctx);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const summary: string[] = [];
    const checklist: ChecklistItem[] = [];
    for (const participant of OFFBOARDING_PARTICIPANTS) {
      const part = await participant.offboard(trx, ctx);
      summary.push(...part.summary);
      checklist.push(...part.checklist.map((item) => ({ ...item, done: false })));
    }
    await trx
      .insertInto("offboardings")
      .values({
        id,
        user_id: user.id,
        user_email: user.email,
        reassigned_to: reassignTo?.id ?? null,
        performed_by: actor.actorId,
        summary: JSON.stringify(summary),
        checklist: JSON.stringify(checklist),
        created_at: new Date().toISOString(),
      })
      .execute();
    await recordAudit(trx, actor, {
      action: "user.offboarded",
      targetType: "user",
      targetId: user.id,
      summary: `Offboarded ${user.email}${reassignTo ? `; successor ${reassignTo.email}` : ""}; ${checklist.length} item(s) left to remove on the networks`,
      changes: { summary, checklistItems: checklist.length },
    });
  });
  const view = await getOffboarding(db, id);
  if (!view) throw new Error("offboarding vanished");
  return view;
}
