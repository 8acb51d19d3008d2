import { z } from "zod";
import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { defineJob } from "../../jobs/job.js";
import { notify } from "../../notifications/notify.js";
import { calendarsById, METRIC_LABELS, type SlaMetric } from "./policies.js";
import { evaluateCycle } from "./syncClocks.js";

/** Who hears about a conversation's clock: its assignee, else its team's leads, else the inbox leads. */
export async function slaRecipients(db: Database, conversation: { assignee_id: string | null; team_id: string | null }): Promise<string[]> {
  if (conversation.assignee_id) return [conversation.assignee_id];
  if (conversation.team_id) {
    const leads = await db
      .selectFrom("team_members")
      .innerJoin("users", "users.id", "team_members.user_id")
      .select("users.id")
      .where("team_members.team_id", "=", conversation.team_id)
      .where("team_members.role", "=", "lead")
      .where("users.disabled_at", "is", null)
      .execute();
    if (leads.length > 0) return leads.map((l) => l.id);
  }
  const leads = await db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select("users.id")
    .where("user_roles.role", "=", "lead")
    .where("users.disabled_at", "is", null)
    .execute();
  return leads.map((l) => l.id);
}

/**
 * Warns before a conversation's SLA target is due (in the app, so by email too when SMTP is set up)
 * and marks and reports a breach, each once: a conditional update claims the cycle, so two runners
 * never notify twice. Returns how many warnings and breaches it raised.
 */
export async function watchConversationSlas(db: Database, now = Date.now()): Promise<{ warned: number; breached: number }> {
  const at = new Date(now).toISOString();
  const due = await db
    .selectFrom("inbox_sla_cycles")
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
      const conversation = await trx
        .selectFrom("inbox_conversations")
        .select(["id", "subject", "assignee_id", "team_id"])
        .where("id", "=", cycle.conversation_id)
        .executeTakeFirst();
      if (!conversation) return;
      const what = METRIC_LABELS[cycle.metric as SlaMetric] ?? cycle.metric;
      const link = `/inbox?conversation=${conversation.id}`;
      const subject = conversation.subject.slice(0, 200);
      if (state.status === "breached" && state.breachedAt !== null) {
        const breachedAt = new Date(state.breachedAt).toISOString();
        const claimed = await trx
          .updateTable("inbox_sla_cycles")
          .set({ breached_at: breachedAt, warned_at: cycle.warned_at ?? at })
          .where("id", "=", cycle.id)
          .where("breached_at", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        breached++;
        await recordAudit(trx, systemActor("sla"), {
          action: "inbox.sla_breached",
          targetType: "inbox_conversation",
          targetId: conversation.id,
          summary: `SLA breached: ${what} on “${conversation.subject.slice(0, 80)}”`,
          changes: { metric: cycle.metric, cycle: cycle.cycle, breachedAt },
        });
        await notify(trx, await slaRecipients(trx, conversation), {
          kind: "inbox.sla_breached",
          title: `SLA breached: ${what}`,
          body: subject,
          link,
        });
      } else if (state.status === "warning" && cycle.warned_at === null) {
        const claimed = await trx
          .updateTable("inbox_sla_cycles")
          .set({ warned_at: at })
          .where("id", "=", cycle.id)
          .where("warned_at", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        warned++;
        const dueAt = state.dueAt === null ? "" : new Date(state.dueAt).toISOString();
        await recordAudit(trx, systemActor("sla"), {
          action: "inbox.sla_warning",
          targetType: "inbox_conversation",
          targetId: conversation.id,
          summary: `SLA due soon: ${what} on “${conversation.subject.slice(0, 80)}”`,
          changes: { metric: cycle.metric, cycle: cycle.cycle, dueAt },
        });
        await notify(trx, await slaRecipients(trx, conversation), {
          kind: "inbox.sla_warning",
          title: `SLA due soon: ${what}`,
          body: `Due ${dueAt}: ${subject}`,
          link,
        });
      }
    });
  }
  return { warned, breached };
}

export const inboxSlaJob = defineJob({
  name: "inbox.sla-watch",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 60_000,
  every: { ms: 30_000 },
  async run(_payload, { db, log }) {
    const { warned, breached } = await watchConversationSlas(db);
    if (warned + breached > 0) log.info({ warned, breached }, "inbox SLA warnings and breaches raised");
  },
});
