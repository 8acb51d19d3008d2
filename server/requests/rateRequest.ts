import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict, forbidden } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { notifyWorkers } from "./notifyRequest.js";
import { visibleRequest } from "./store.js";

/** The requester rates how a resolved or closed request was handled (and may change the rating). */
export async function rateRequest(
  db: Database,
  audit: AuditActor,
  actor: Actor,
  number: number,
  input: { score: number; comment: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRequest(trx, actor, number);
    if (row.requester_id !== actor.user.id) throw forbidden("Only the requester rates a request.");
    if (row.status !== "resolved" && row.status !== "closed") throw conflict("request_not_resolved", "Rate a request once it is resolved.");
    const at = new Date().toISOString();
    await trx
      .updateTable("requests")
      .set({ rating: input.score, rating_comment: input.comment, rated_at: at, updated_at: at })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "request.rated",
      targetType: "request",
      targetId: row.id,
      summary: `Rated request #${row.number} ${input.score}/5`,
      changes: { rating: [row.rating, input.score] },
    });
    await notifyWorkers(trx, row, actor.user.id, "request.rated", `Request #${row.number} was rated ${input.score}/5`, input.comment);
  });
}
