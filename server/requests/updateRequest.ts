import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { badRequest, forbidden } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { permissionsForRoles } from "../identity/roles.js";
import { notify } from "../notifications/notify.js";
import type { Priority, RequestStatus } from "./model.js";
import { notifyRequester, requestLink } from "./notifyRequest.js";
import { canWork, type RequestRow, visibleRequest } from "./store.js";
import { applyStatus } from "./transitions.js";

export interface RequestPatch {
  status?: RequestStatus | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | null | undefined;
  queueId?: string | undefined;
}

/** An agent changes a request's status, priority, assignee or queue; one audit event lists what changed. */
export async function updateRequest(db: Database, audit: AuditActor, actor: Actor, number: number, patch: RequestPatch): Promise<void> {
  if (!canWork(actor)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const row = await visibleRequest(trx, actor, number);
    const now = Date.now();
    let set: Partial<RequestRow> = {};
    if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
      if (patch.assigneeId !== null) {
        const roles = await trx
          .selectFrom("user_roles")
          .innerJoin("users", "users.id", "user_roles.user_id")
          .select("user_roles.role")
          .where("users.id", "=", patch.assigneeId)
          .where("users.disabled_at", "is", null)
          .execute();
        if (!permissionsForRoles(roles.map((r) => r.role)).has("requests.work")) {
          throw badRequest("assignee_not_found", "The assignee must be a user who works requests.");
        }
      }
      set.assignee_id = patch.assigneeId;
    }
    if (patch.queueId !== undefined && patch.queueId !== row.queue_id) {
      const queue = await trx.selectFrom("request_queues").select("id").where("id", "=", patch.queueId).executeTakeFirst();
      if (!queue) throw badRequest("queue_not_found", "There is no such queue.");
      set.queue_id = patch.queueId;
    }
    if (patch.priority !== undefined && patch.priority !== row.priority) set.priority = patch.priority;
    if (patch.status !== undefined) set = { ...set, ...(await applyStatus(trx, row, patch.status, now)) };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [key, value] of Object.entries(set)) changes[key] = [row[key as keyof RequestRow], value];
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable("requests")
      .set({ ...set, updated_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "request.updated",
      targetType: "request",
      targetId: row.id,
      summary: `Updated request #${row.number}: ${Object.keys(changes).join(", ")}`,
      changes,
    });
    if (set.assignee_id && set.assignee_id !== actor.user.id) {
      await notify(trx, [set.assignee_id], {
        kind: "request.assigned",
        title: `Request #${row.number} is assigned to you: ${row.subject}`,
        link: requestLink(row, true),
      });
    }
    if (set.status === "resolved") {
      await notifyRequester(
        trx,
        row,
        "request.resolved",
        `Your request #${row.number} is resolved`,
        "Tell us how we did, or reopen it if it is not solved.",
      );
    }
  });
}
