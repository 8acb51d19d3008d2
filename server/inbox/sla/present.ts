import type { Database } from "../../db/database.js";
import { calendarsById, type SlaMetric } from "./policies.js";
import { evaluateCycle } from "./syncClocks.js";

/** The clock due next on a conversation, as the list's badge shows it. */
export interface SlaBadge {
  metric: SlaMetric;
  /** running: on time; warning: within the policy's warning time; breached: past due. */
  status: "running" | "warning" | "breached";
  dueAt: string;
}

/**
 * Badges for a page of conversations, from the due and warning instants kept on each (`sla_due_at`,
 * `sla_warn_at`) and one query for which clock they belong to. Conversations whose clocks are paused,
 * stopped or absent get none.
 */
export async function slaBadges(
  db: Database,
  rows: readonly { id: string; sla_due_at?: string | null | undefined; sla_warn_at?: string | null | undefined }[],
  now = Date.now(),
): Promise<Map<string, SlaBadge>> {
  const badges = new Map<string, SlaBadge>();
  const due = rows.filter((r) => typeof r.sla_due_at === "string");
  if (due.length === 0) return badges;
  const cycles = await db
    .selectFrom("inbox_sla_cycles")
    .select(["conversation_id", "metric", "due_at"])
    .where(
      "conversation_id",
      "in",
      due.map((r) => r.id),
    )
    .where("stopped_at", "is", null)
    .execute();
  for (const r of due) {
    const dueAt = r.sla_due_at as string;
    const cycle = cycles.find((c) => c.conversation_id === r.id && c.due_at === dueAt) ?? cycles.find((c) => c.conversation_id === r.id);
    if (!cycle) continue;
    const warnAt = r.sla_warn_at ?? null;
    const status = Date.parse(dueAt) <= now ? "breached" : warnAt !== null && Date.parse(warnAt) <= now ? "warning" : "running";
    badges.set(r.id, { metric: cycle.metric as SlaMetric, status, dueAt });
  }
  return badges;
}

export interface SlaClockView {
  metric: SlaMetric;
  cycle: number;
  status: "running" | "warning" | "breached" | "paused" | "met" | "missed";
  startedAt: string;
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  /** Business time used so far, and left (negative once breached), in minutes. */
  elapsedMinutes: number;
  remainingMinutes: number;
}

/** A conversation's policy and every run of its clocks, newest first. */
export async function slaDetail(db: Database, conversationId: string, now = Date.now()) {
  const conversation = await db
    .selectFrom("inbox_conversations")
    .select(["sla_policy_id"])
    .where("id", "=", conversationId)
    .executeTakeFirst();
  if (!conversation) return undefined;
  const policy = conversation.sla_policy_id
    ? await db.selectFrom("sla_policies").select(["id", "name"]).where("id", "=", conversation.sla_policy_id).executeTakeFirst()
    : undefined;
  const cycles = await db
    .selectFrom("inbox_sla_cycles")
    .selectAll()
    .where("conversation_id", "=", conversationId)
    .orderBy("started_at", "desc")
    .orderBy("cycle", "desc")
    .execute();
  const calendars = await calendarsById(
    db,
    cycles.map((c) => c.calendar_id),
  );
  const clocks: SlaClockView[] = cycles.flatMap((c) => {
    const calendar = calendars.get(c.calendar_id);
    if (!calendar) return [];
    const state = evaluateCycle(calendar, c, now);
    return [
      {
        metric: c.metric as SlaMetric,
        cycle: c.cycle,
        status: state.status,
        startedAt: c.started_at,
        dueAt: state.dueAt === null ? null : new Date(state.dueAt).toISOString(),
        breachedAt: c.breached_at ?? (state.breachedAt === null ? null : new Date(state.breachedAt).toISOString()),
        stoppedAt: c.stopped_at,
        elapsedMinutes: Math.round(state.elapsedMs / 60_000),
        remainingMinutes: Math.round(state.remainingMs / 60_000),
      },
    ];
  });
  return { policy: policy ? { id: policy.id, name: policy.name } : null, clocks };
}
