import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { notifyWorkers } from "./notifyRequest.js";
import { visibleRequest } from "./store.js";
import { applyStatus } from "./transitions.js";

/** The requester (or an agent) says a resolved request is not solved after all: a new resolution cycle starts. */
export async function reopenRequest(db: Database, audit: AuditActor, actor: Actor, number: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRequest(trx, actor, number);
    if (row.status !== "resolved") {
      throw row.status === "closed"
        ? conflict("request_closed", "This request is closed; file a new one.")
        : conflict("request_not_resolved", "Only a resolved request can be reopened.");
    }
    const now = Date.now();
    const set = await applyStatus(trx, row, "open", now);
    await trx
      .updateTable("requests")
      .set({ ...set, updated_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "request.reopened",
      targetType: "request",
      targetId: row.id,
      summary: `Reopened request #${row.number}`,
      changes: { status: [row.status, "open"], reopenCount: [row.reopen_count, row.reopen_count + 1] },
    });
    await notifyWorkers(trx, row, actor.user.id, "request.reopened", `Request #${row.number} was reopened: ${row.subject}`);
  });
}
