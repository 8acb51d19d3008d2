import type { z } from "zod";
import type { ServiceReport } from "./serviceSchema.js";
import type { AnalyticsDb } from "./tables.js";

const MINUTE_MS = 60_000;
/** Enough for a report; a range with more is cut to its first rows and says so. */
const MAX_ROWS = 50_000;

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
};
const minutesBetween = (from: string, to: string | null) => (to ? (Date.parse(to) - Date.parse(from)) / MINUTE_MS : null);

interface Sample {
  group: string;
  firstResponse: number | null;
  resolution: number | null;
}

function summarise(samples: Sample[], labels: Map<string, string>, none: string) {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return [...groups]
    .map(([id, list]) => {
      const responses = list.flatMap((s) => (s.firstResponse === null ? [] : [s.firstResponse]));
      const resolutions = list.flatMap((s) => (s.resolution === null ? [] : [s.resolution]));
      return {
        id,
        label: id === "" ? none : (labels.get(id) ?? "Removed"),
        count: list.length,
        answered: responses.length,
        responseRate: list.length ? Math.round((responses.length / list.length) * 1000) / 1000 : null,
        medianFirstResponseMinutes: median(responses),
        resolved: resolutions.length,
        medianResolutionMinutes: median(resolutions),
      };
    })
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * What the inbox and the help desk already record, as a report: inbox first-response time and the share
 * of conversations answered (per team and per assigned agent), and help desk first-response and
 * resolution times (per queue and per agent). Wall-clock minutes: business hours are not yet taken out.
 */
export async function serviceReport(db: AnalyticsDb, from: string, to: string): Promise<z.infer<typeof ServiceReport>> {
  const start = `${from}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  const conversations = await db
    .selectFrom("inbox_conversations as c")
    .select((eb) => [
      "c.team_id",
      "c.assignee_id",
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
    .limit(MAX_ROWS)
    .execute();
  const requests = await db
    .selectFrom("requests")
    .select(["queue_id", "assignee_id", "created_at", "first_responded_at", "resolved_at"])
    .where("created_at", ">=", start)
    .where("created_at", "<", end)
    .limit(MAX_ROWS)
    .execute();
  const [teams, users, queues] = await Promise.all([
    db.selectFrom("teams").select(["id", "name"]).execute(),
    db.selectFrom("users").select(["id", "name"]).execute(),
    db.selectFrom("request_queues").select(["id", "name"]).execute(),
  ]);
  const names = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const inbox = conversations.map((c) => ({
    team: c.team_id ?? "",
    agent: c.assignee_id ?? "",
    firstResponse: minutesBetween(c.first_message_at, (c.first_out as string | null) ?? null),
    resolution: null,
  }));
  const desk = requests.map((r) => ({
    queue: r.queue_id,
    agent: r.assignee_id ?? "",
    firstResponse: minutesBetween(r.created_at, r.first_responded_at),
    resolution: minutesBetween(r.created_at, r.resolved_at),
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
    notYet: [
      "Business hours and SLA attainment per team (the inbox SLA clocks exist; the report uses wall-clock minutes)",
      "Inbox resolution time (conversations do not record when they were resolved)",
      "Help desk deflection, training completion and attestation coverage",
    ],
  };
}
