import type { z } from "zod";
import { evaluateCycle as evaluateConversationCycle } from "../inbox/sla/syncClocks.js";
import { calendarsById } from "../requests/config.js";
import { evaluateCycle as evaluateRequestCycle } from "../requests/slaCycles.js";
import { attainmentOf, type CycleSample, SERVICE_METRICS, sampleCycle } from "./serviceClocks.js";
import type { ServiceReport } from "./serviceSchema.js";
import { type AnalyticsDb, coreDb } from "./tables.js";

const MINUTE_MS = 60_000;
/** Enough for a report; a range with more is cut to its first rows and says so. */
const MAX_ROWS = 50_000;
/** Ids per `in (…)` list: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 1_000;

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
};
const minutesBetween = (from: string, to: string | null) => (to ? (Date.parse(to) - Date.parse(from)) / MINUTE_MS : null);
const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

interface Sample {
  group: string;
  /** Wall-clock minutes; null when not answered / not resolved. */
  firstResponse: number | null;
  resolution: number | null;
  /** Every run of its SLA clocks; empty: no SLA clock (no policy, or none applied yet). */
  cycles: CycleSample[];
}

const businessMedian = (cycles: CycleSample[], metric: CycleSample["metric"]) =>
  median(cycles.flatMap((c) => (c.metric === metric && c.businessMinutes !== null ? [c.businessMinutes] : [])));

function summarise(samples: Sample[], labels: Map<string, string>, none: string) {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = groups.get(s.group);
    if (list) list.push(s);
    else groups.set(s.group, [s]);
  }
  return [...groups]
    .map(([id, list]) => {
      const responses = list.flatMap((s) => (s.firstResponse === null ? [] : [s.firstResponse]));
      const resolutions = list.flatMap((s) => (s.resolution === null ? [] : [s.resolution]));
      const cycles = list.flatMap((s) => s.cycles);
      return {
        id,
        label: id === "" ? none : (labels.get(id) ?? "Removed"),
        count: list.length,
        answered: responses.length,
        responseRate: list.length ? Math.round((responses.length / list.length) * 1000) / 1000 : null,
        medianFirstResponseMinutes: median(responses),
        medianBusinessFirstResponseMinutes: businessMedian(cycles, "first_response"),
        resolved: resolutions.length,
        medianResolutionMinutes: median(resolutions),
        medianBusinessResolutionMinutes: businessMedian(cycles, "resolution"),
        noSla: list.filter((s) => s.cycles.length === 0).length,
        sla: Object.fromEntries(SERVICE_METRICS.map((m) => [m, attainmentOf(cycles, m)])) as Record<
          (typeof SERVICE_METRICS)[number],
          ReturnType<typeof attainmentOf>
        >,
      };
    })
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * When conversations without SLA clocks were last resolved: the audit log's latest
 * `inbox.conversation.updated` event that set their status to resolved (the conversation row keeps no
 * resolution time of its own).
 */
async function resolvedFromAudit(db: AnalyticsDb, ids: string[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  for (const part of chunks(ids)) {
    const events = await db
      .selectFrom("audit_events")
      .select(["target_id", "at", "changes"])
      .where("action", "=", "inbox.conversation.updated")
      .where("target_type", "=", "inbox_conversation")
      .where("target_id", "in", part)
      .orderBy("seq")
      .execute();
    for (const e of events) {
      const status = e.changes ? (JSON.parse(e.changes) as { status?: [unknown, unknown] }).status : undefined;
      if (e.target_id && status?.[1] === "resolved") resolved.set(e.target_id, e.at);
    }
  }
  return resolved;
}

/**
 * Inbox and help desk service levels for the conversations and requests that began in the range
 * (docs/analytics.md, "Service and practice metrics"): per team / queue and per assigned agent, first-response
 * and resolution times in wall-clock minutes and, from the SLA clocks, in business minutes; and SLA
 * attainment per clock (first response, next response, resolution), counted per cycle by the Reports page's
 * rules (`sampleCycle`). `now` decides which running clocks have already breached.
 */
export async function serviceReport(db: AnalyticsDb, from: string, to: string, now = Date.now()): Promise<z.infer<typeof ServiceReport>> {
  const start = `${from}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  const conversations = await db
    .selectFrom("inbox_conversations as c")
    .select((eb) => [
      "c.id",
      "c.team_id",
      "c.assignee_id",
      "c.status",
      "c.first_message_at",
      eb
        .selectFrom("inbox_messages as m")
        .select((e) => e.fn.min("m.sent_at").as("t"))
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.direction", "=", "out")
        .as("first_out"),
    ])
    .where("c.first_message_at", ">=", start)
    .where("c.first_message_at", "<", end)
    .orderBy("c.first_message_at")
    .limit(MAX_ROWS)
    .execute();
  const requests = await db
    .selectFrom("requests")
    .select(["id", "queue_id", "assignee_id", "created_at", "first_responded_at", "resolved_at"])
    .where("created_at", ">=", start)
    .where("created_at", "<", end)
    .orderBy("created_at")
    .limit(MAX_ROWS)
    .execute();
  // The clocks of exactly those conversations and requests (one population per report).
  const inboxCycles = await db
    .selectFrom("inbox_sla_cycles as s")
    .innerJoin("inbox_conversations as c", "c.id", "s.conversation_id")
    .selectAll("s")
    .where("c.first_message_at", ">=", start)
    .where("c.first_message_at", "<", end)
    .orderBy("s.started_at")
    .execute();
  const deskCycles = await db
    .selectFrom("request_sla_cycles as s")
    .innerJoin("requests as r", "r.id", "s.request_id")
    .selectAll("s")
    .where("r.created_at", ">=", start)
    .where("r.created_at", "<", end)
    .orderBy("s.started_at")
    .execute();
  const [teams, users, queues, calendars] = await Promise.all([
    db.selectFrom("teams").select(["id", "name"]).execute(),
    db.selectFrom("users").select(["id", "name"]).execute(),
    db.selectFrom("request_queues").select(["id", "name"]).execute(),
    calendarsById(
      coreDb(db),
      [...inboxCycles, ...deskCycles].map((c) => c.calendar_id),
    ),
  ]);
  const names = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));

  const byConversation = new Map<string, CycleSample[]>();
  /** When the latest resolution clock stopped: the moment the conversation was resolved. */
  const resolutionStops = new Map<string, string>();
  for (const c of inboxCycles) {
    const calendar = calendars.get(c.calendar_id);
    const sample = sampleCycle(c.metric, c.outcome, calendar ? evaluateConversationCycle(calendar, c, now) : null);
    if (!sample) continue;
    byConversation.set(c.conversation_id, [...(byConversation.get(c.conversation_id) ?? []), sample]);
    if (c.metric === "resolution" && c.stopped_at) resolutionStops.set(c.conversation_id, c.stopped_at);
  }
  const fromAudit = await resolvedFromAudit(
    db,
    conversations.filter((c) => c.status === "resolved" && !resolutionStops.has(c.id)).map((c) => c.id),
  );
  const inbox = conversations.map((c) => ({
    team: c.team_id ?? "",
    agent: c.assignee_id ?? "",
    firstResponse: minutesBetween(c.first_message_at, (c.first_out as string | null) ?? null),
    resolution:
      c.status === "resolved" ? minutesBetween(c.first_message_at, resolutionStops.get(c.id) ?? fromAudit.get(c.id) ?? null) : null,
    cycles: byConversation.get(c.id) ?? [],
  }));

  const byRequest = new Map<string, CycleSample[]>();
  for (const c of deskCycles) {
    const calendar = calendars.get(c.calendar_id);
    const sample = sampleCycle(c.metric, c.outcome, calendar ? evaluateRequestCycle(calendar, c, now) : null);
    if (sample) byRequest.set(c.request_id, [...(byRequest.get(c.request_id) ?? []), sample]);
  }
  const desk = requests.map((r) => ({
    queue: r.queue_id,
    agent: r.assignee_id ?? "",
    firstResponse: minutesBetween(r.created_at, r.first_responded_at),
    resolution: minutesBetween(r.created_at, r.resolved_at),
    cycles: byRequest.get(r.id) ?? [],
  }));
  return {
    range: { from, to },
    inbox: {
      teams: summarise(
        inbox.map((s) => ({ ...s, group: s.team })),
        names(teams),
        "No team",
      ),
      agents: summarise(
        inbox.map((s) => ({ ...s, group: s.agent })),
        names(users),
        "Unassigned",
      ),
    },
    helpdesk: {
      queues: summarise(
        desk.map((s) => ({ ...s, group: s.queue })),
        names(queues),
        "No queue",
      ),
      agents: summarise(
        desk.map((s) => ({ ...s, group: s.agent })),
        names(users),
        "Unassigned",
      ),
    },
    truncated: conversations.length >= MAX_ROWS || requests.length >= MAX_ROWS,
    notYet: [],
    elsewhere: [
      {
        label: "Help desk deflection, training completion and attestation coverage",
        path: "/reports",
      },
    ],
  };
}
