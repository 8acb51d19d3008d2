import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict, forbidden } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { calendarsById, policyById } from "./config.js";
import { notifyRequester, notifyWorkers } from "./notifyRequest.js";
import { hasOpenCycle, startCycle, stopClocks } from "./slaCycles.js";
import { canWork, type RequestRow, visibleRequest } from "./store.js";
import { applyStatus } from "./transitions.js";

/**
 * A message on a request. From an agent to the requester it answers: the first-response and
 * next-response clocks stop, and a new request becomes open. From the requester it waits for an
 * answer: a next-response clock starts (once the request has had its first), a pending request
 * opens again, a resolved one reopens. An internal note changes no clock and is never shown to
 * the requester.
 */
export async function addMessage(
  db: Database,
  audit: AuditActor,
  actor: Actor,
  number: number,
  input: { text: string; internal: boolean },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRequest(trx, actor, number);
    const isRequester = row.requester_id === actor.user.id;
    const worker = canWork(actor);
    if (input.internal && !worker) throw forbidden("Only agents add internal notes.");
    if (row.status === "closed") throw conflict("request_closed", "This request is closed; file a new one.");
    const now = Date.now();
    const at = new Date(now).toISOString();
    const author = await trx.selectFrom("users").select(["name", "email"]).where("id", "=", actor.user.id).executeTakeFirst();
    await trx
      .insertInto("request_messages")
      .values({
        id: randomUUID(),
        request_id: row.id,
        author_id: actor.user.id,
        author_label: author?.name || author?.email || "",
        visibility: input.internal ? "internal" : "public",
        text: input.text,
        created_at: at,
      })
      .execute();
    let set: Partial<RequestRow> = {};
    if (input.internal) {
      // nothing else changes
    } else if (worker && !isRequester) {
      await stopClocks(trx, row.id, ["first_response", "next_response"], now);
      set = { first_responded_at: row.first_responded_at ?? at, ...(row.status === "new" ? await applyStatus(trx, row, "open", now) : {}) };
      await notifyRequester(trx, row, "request.replied", `New reply on your request #${row.number}`, input.text.slice(0, 500));
    } else {
      if (row.status === "pending" || row.status === "resolved") set = await applyStatus(trx, row, "open", now);
      const waiting = (await hasOpenCycle(trx, row.id, "first_response")) || (await hasOpenCycle(trx, row.id, "next_response"));
      if (!waiting && row.first_responded_at) {
        const policy = await policyById(trx, row.policy_id);
        const calendar = (await calendarsById(trx, [policy.calendarId])).get(policy.calendarId);
        const paused = (set.status ?? row.status) === "on_hold";
        if (calendar) await startCycle(trx, row.id, "next_response", policy, calendar, now, !paused);
      }
      await notifyWorkers(
        trx,
        row,
        actor.user.id,
        "request.requester_replied",
        `Reply on request #${row.number}: ${row.subject}`,
        input.text.slice(0, 500),
      );
    }
    await trx
      .updateTable("requests")
      .set({ ...set, updated_at: at })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: input.internal ? "request.note_added" : "request.replied",
      targetType: "request",
      targetId: row.id,
      summary: `${input.internal ? "Added an internal note to" : "Replied on"} request #${row.number}`,
      ...(set.status ? { changes: { status: [row.status, set.status] } } : {}),
    });
  });
}
