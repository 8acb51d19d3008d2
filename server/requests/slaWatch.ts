import { z } from "zod";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { defineJob } from "../jobs/job.js";
import { calendarsById } from "./config.js";
import { notifyWorkers } from "./notifyRequest.js";
import { evaluateCycle } from "./slaCycles.js";

const LABEL = { first_response: "first response", next_response: "next response", resolution: "resolution" } as const;

/**
 * Warns the assignee (or the queue) before an SLA target is due, and marks and reports breaches.
 * Each cycle is warned and marked once: a conditional update claims it, so two runners never
 * notify twice. Returns how many warnings and breaches it raised.
 */
export async function watchSlas(db: Database, now = Date.now()): Promise<{ warned: number; breached: number }> {
  const at = new Date(now).toISOString();
  const due = await db
    .selectFrom("request_sla_cycles")
    .selectAll()
    .where("stopped_at", "is", null)
    .where("breached_at", "is", null)
    .where((eb) => eb.or([eb("due_at", "<=", at), eb.and([eb("warned_at", "is", null), eb("warn_at", "<=", at)])]))
    .limit(500)
    .execute();
  const calendars = await calendarsById(
    db,
    due.map((c) => c.calendar_id),
  );
  let warned = 0;
  let breached = 0;
  for (const cycle of due) {
    const calendar = calendars.get(cycle.calendar_id);
    if (!calendar) continue;
    const state = evaluateCycle(calendar, cycle, now);
    await db.transaction().execute(async (trx) => {
      const request = await trx.selectFrom("requests").selectAll().where("id", "=", cycle.request_id).executeTakeFirstOrThrow();
      const what = `${LABEL[cycle.metric as keyof typeof LABEL] ?? cycle.metric} on request #${request.number}`;
      if (state.status === "breached" && state.breachedAt !== null) {
        const claimed = await trx
          .updateTable("request_sla_cycles")
          .set({ breached_at: new Date(state.breachedAt).toISOString(), warned_at: cycle.warned_at ?? at })
          .where("id", "=", cycle.id)
          .where("breached_at", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        breached++;
        await recordAudit(trx, systemActor("sla"), {
          action: "request.sla_breached",
          targetType: "request",
          targetId: request.id,
          summary: `SLA breached: ${what}`,
          changes: { metric: cycle.metric, cycle: cycle.cycle, breachedAt: new Date(state.breachedAt).toISOString() },
        });
        await notifyWorkers(trx, request, null, "request.sla_breached", `SLA breached: ${what}`, request.subject);
      } else if (state.status === "warning" && cycle.warned_at === null) {
        const claimed = await trx
          .updateTable("request_sla_cycles")
          .set({ warned_at: at })
          .where("id", "=", cycle.id)
          .where("warned_at", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        warned++;
        const dueAt = state.dueAt === null ? "" : new Date(state.dueAt).toISOString();
        await recordAudit(trx, systemActor("sla"), {
          action: "request.sla_warning",
          targetType: "request",
          targetId: request.id,
          summary: `SLA due soon: ${what}`,
          changes: { metric: cycle.metric, cycle: cycle.cycle, dueAt },
        });
        await notifyWorkers(trx, request, null, "request.sla_warning", `SLA due soon: ${what}`, `Due ${dueAt}: ${request.subject}`);
      }
    });
  }
  return { warned, breached };
}

export const requestSlaJob = defineJob({
  name: "requests.sla-watch",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 60_000,
  every: { ms: 60_000 },
  async run(_payload, { db, log }) {
    const { warned, breached } = await watchSlas(db);
    if (warned + breached > 0) log.info({ warned, breached }, "request SLA warnings and breaches raised");
  },
});
