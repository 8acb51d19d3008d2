import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database.js";
import type { InboxSlaCyclesTable } from "../../db/schema.js";
import { type ClockSegment, type ClockState, evaluateClock } from "../../sla/clock.js";
import { type Calendar, calendarsById, policyWithCalendar, type SlaMetric, type SlaPolicy } from "./policies.js";

/**
 * A conversation's SLA clocks, brought in line with what it is now (docs/inbox.md, "SLA"). Each run of
 * a clock is a cycle with the segments during which it ran, evaluated by the pure maths of server/sla:
 * - first response: from the conversation's start to the first reply sent;
 * - next response: from the first customer message after our latest reply to the next reply;
 * - resolution: from the start (or a reopening) to resolved.
 * Every clock stands still while the conversation is `pending` (waiting on the customer) or `snoozed`,
 * and runs again when it opens; resolving stops them all. Idempotent: running it twice changes nothing,
 * so the queue worker may call it for any conversation any number of times. Runs in the caller's transaction.
 */
export type CycleRow = InboxSlaCyclesTable;

const MINUTE = 60_000;
const TARGET: Record<SlaMetric, "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes"> = {
  first_response: "firstResponseMinutes",
  next_response: "nextResponseMinutes",
  resolution: "resolutionMinutes",
};

export const segmentsOf = (row: Pick<CycleRow, "segments">): ClockSegment[] =>
  (JSON.parse(row.segments) as [string, string | null][]).map(([s, e]) => ({
    start: Date.parse(s),
    end: e === null ? null : Date.parse(e),
  }));

const serialise = (segments: readonly ClockSegment[]) =>
  JSON.stringify(segments.map((s) => [new Date(s.start).toISOString(), s.end === null ? null : new Date(s.end).toISOString()]));

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function evaluateCycle(calendar: Calendar, row: CycleRow, now: number, segments = segmentsOf(row)): ClockState {
  return evaluateClock(
    calendar,
    {
      targetMs: row.target_minutes * MINUTE,
      warnBeforeMs: row.warn_before_minutes * MINUTE,
      segments,
      stoppedAt: row.stopped_at ? Date.parse(row.stopped_at) : null,
    },
    now,
  );
}

/** What the clocks follow: the conversation's state and its replies. */
interface Facts {
  status: string;
  createdAt: number;
  /** When its state last changed: pauses and resumes noticed later are dated here. */
  changedAt: number;
  firstReplyAt: number | null;
  lastReplyAt: number | null;
  /** The first customer message received after our latest reply. */
  waitingSince: number | null;
}

async function factsOf(
  trx: Database,
  conversation: { id: string; status: string; created_at: string; updated_at: string },
): Promise<Facts> {
  const replies = await trx
    .selectFrom("inbox_messages")
    .select((eb) => [eb.fn.min("sent_at").as("first"), eb.fn.max("sent_at").as("last")])
    .where("conversation_id", "=", conversation.id)
    .where("direction", "=", "out")
    .executeTakeFirst();
  const lastReplyAt = replies?.last ? Date.parse(String(replies.last)) : null;
  let waitingSince: number | null = null;
  if (lastReplyAt !== null) {
    const waiting = await trx
      .selectFrom("inbox_messages")
      .select((eb) => eb.fn.min("received_at").as("at"))
      .where("conversation_id", "=", conversation.id)
      .where("direction", "=", "in")
      .where("sent_at", ">", new Date(lastReplyAt).toISOString())
      .executeTakeFirst();
    waitingSince = waiting?.at ? Math.max(Date.parse(String(waiting.at)), lastReplyAt) : null;
  }
  return {
    status: conversation.status,
    createdAt: Date.parse(conversation.created_at),
    changedAt: Date.parse(conversation.updated_at),
    firstReplyAt: replies?.first ? Date.parse(String(replies.first)) : null,
    lastReplyAt,
    waitingSince,
  };
}

/** The first reply sent at or after an instant. */
async function replyAfter(trx: Database, conversationId: string, from: number): Promise<number | null> {
  const row = await trx
    .selectFrom("inbox_messages")
    .select((eb) => eb.fn.min("sent_at").as("at"))
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "out")
    .where("sent_at", ">=", new Date(from).toISOString())
    .executeTakeFirst();
  return row?.at ? Date.parse(String(row.at)) : null;
}

interface Working {
  row: CycleRow;
  segments: ClockSegment[];
  stoppedAt: number | null;
  dirty: boolean;
  fresh: boolean;
}

/** Brings one conversation's clocks up to date, and its `sla_due_at` / `sla_warn_at` (the earliest of its running clocks). */
export async function syncClocks(trx: Database, conversationId: string, now: number): Promise<void> {
  const conversation = await trx
    .selectFrom("inbox_conversations")
    .select(["id", "status", "created_at", "updated_at", "sla_policy_id", "sla_due_at", "sla_warn_at"])
    .where("id", "=", conversationId)
    .executeTakeFirst();
  if (!conversation?.sla_policy_id) return;
  const stored = await trx
    .selectFrom("inbox_sla_cycles")
    .selectAll()
    .where("conversation_id", "=", conversationId)
    .orderBy("started_at")
    .orderBy("cycle")
    .execute();
  const open = stored.filter((r) => r.stopped_at === null);
  const found = await policyWithCalendar(trx, conversation.sla_policy_id);
  if (!found && open.length === 0) return;
  const facts = await factsOf(trx, conversation);
  const work: Working[] = open.map((row) => ({ row, segments: segmentsOf(row), stoppedAt: null, dirty: false, fresh: false }));
  const start = (metric: SlaMetric, at: number, policy: SlaPolicy, calendar: Calendar) => {
    const cycle = stored.filter((r) => r.metric === metric).length + work.filter((w) => w.fresh && w.row.metric === metric).length + 1;
    work.push({
      row: {
        id: randomUUID(),
        conversation_id: conversationId,
        metric,
        cycle,
        policy_id: policy.id,
        calendar_id: calendar.id,
        target_minutes: policy[TARGET[metric]],
        warn_before_minutes: policy.warnBeforeMinutes,
        segments: "[]",
        started_at: new Date(at).toISOString(),
        due_at: null,
        warn_at: null,
        warned_at: null,
        breached_at: null,
        stopped_at: null,
        outcome: null,
      },
      segments: [{ start: at, end: null }],
      stoppedAt: null,
      dirty: true,
      fresh: true,
    });
  };

  const resolved = facts.status === "resolved";
  if (found) {
    const { policy, calendar } = found;
    const has = (metric: SlaMetric) => stored.some((r) => r.metric === metric);
    if (!has("first_response")) start("first_response", facts.createdAt, policy, calendar);
    const openNext = work.find((w) => w.row.metric === "next_response");
    const waitingStarted = facts.waitingSince;
    if (
      !openNext &&
      waitingStarted !== null &&
      !stored.some((r) => r.metric === "next_response" && Date.parse(r.started_at) >= waitingStarted)
    )
      start("next_response", waitingStarted, policy, calendar);
    if (!resolved && !work.some((w) => w.row.metric === "resolution"))
      start("resolution", has("resolution") ? facts.changedAt : facts.createdAt, policy, calendar);
  }

  const paused = facts.status === "pending" || facts.status === "snoozed";
  for (const w of work) {
    const begun = Date.parse(w.row.started_at);
    // Answered: the response clocks stop at the reply that answered them.
    if (w.row.metric === "first_response" && facts.firstReplyAt !== null) w.stoppedAt = Math.max(begun, facts.firstReplyAt);
    else if (w.row.metric === "next_response") {
      const answered = facts.lastReplyAt !== null && facts.lastReplyAt >= begun ? await replyAfter(trx, conversationId, begun) : null;
      if (answered !== null) w.stoppedAt = answered;
    }
    if (w.stoppedAt === null && resolved) w.stoppedAt = Math.max(begun, facts.changedAt);
    const last = w.segments.at(-1);
    if (w.stoppedAt !== null) {
      if (last && last.end === null) last.end = Math.max(last.start, w.stoppedAt);
      w.dirty = true;
    } else if (paused && last && last.end === null) {
      last.end = Math.max(last.start, facts.changedAt);
      w.dirty = true;
    } else if (!paused && (!last || last.end !== null)) {
      w.segments.push({ start: Math.max(last?.end ?? begun, facts.changedAt), end: null });
      w.dirty = true;
    }
  }

  const calendar = found?.calendar;
  let dueAt: number | null = null;
  let warnAt: number | null = null;
  for (const w of work) {
    const cal = calendar && w.row.calendar_id === calendar.id ? calendar : await calendarOf(trx, w.row.calendar_id);
    if (!cal) continue;
    const row = { ...w.row, stopped_at: iso(w.stoppedAt) };
    const state = evaluateCycle(cal, row, now, w.segments);
    const values = {
      segments: serialise(w.segments),
      due_at: w.stoppedAt === null ? iso(state.dueAt) : null,
      warn_at: w.stoppedAt === null ? iso(state.warnAt) : null,
      ...(w.stoppedAt !== null
        ? {
            stopped_at: iso(w.stoppedAt),
            outcome: state.status === "missed" ? "missed" : "met",
            breached_at: w.row.breached_at ?? iso(state.breachedAt),
          }
        : {}),
    };
    if (w.fresh)
      await trx
        .insertInto("inbox_sla_cycles")
        .values({ ...w.row, ...values })
        .execute();
    else if (w.dirty) await trx.updateTable("inbox_sla_cycles").set(values).where("id", "=", w.row.id).execute();
    if (
      w.stoppedAt === null &&
      state.dueAt !== null &&
      (state.status === "running" || state.status === "warning" || state.status === "breached")
    ) {
      dueAt = dueAt === null ? state.dueAt : Math.min(dueAt, state.dueAt);
      const warn = state.warnAt ?? state.dueAt;
      warnAt = warnAt === null ? warn : Math.min(warnAt, warn);
    }
  }
  const due = iso(dueAt);
  const warn = iso(warnAt);
  if (due !== conversation.sla_due_at || warn !== conversation.sla_warn_at)
    await trx.updateTable("inbox_conversations").set({ sla_due_at: due, sla_warn_at: warn }).where("id", "=", conversationId).execute();
}

async function calendarOf(trx: Database, id: string): Promise<Calendar | undefined> {
  return (await calendarsById(trx, [id])).get(id);
}
