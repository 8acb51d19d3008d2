import type { Database } from "../db/database.js";
import type { Actor } from "../identity/actor.js";
import { calendarsById, listQueues, listTypes } from "./config.js";
import type { ChecklistItem, Priority, RequestStatus, SlaMetric } from "./model.js";
import { type CycleRow, cyclesOf, evaluateCycle } from "./slaCycles.js";
import { canWork, type RequestRow } from "./store.js";

const MINUTE = 60_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function namesOf(db: Database, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name", "email"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name || r.email]));
}

async function clocksOf(db: Database, rows: readonly RequestRow[], now: number) {
  const cycles = await cyclesOf(
    db,
    rows.map((r) => r.id),
  );
  const calendars = await calendarsById(
    db,
    cycles.map((c) => c.calendar_id),
  );
  const byRequest = new Map<string, ReturnType<typeof presentCycle>[]>();
  for (const c of cycles) {
    const calendar = calendars.get(c.calendar_id);
    if (!calendar) continue;
    const list = byRequest.get(c.request_id) ?? [];
    list.push(presentCycle(c, evaluateCycle(calendar, c, now)));
    byRequest.set(c.request_id, list);
  }
  return byRequest;
}

function presentCycle(c: CycleRow, state: ReturnType<typeof evaluateCycle>) {
  return {
    metric: c.metric as SlaMetric,
    cycle: c.cycle,
    status: state.status,
    targetMinutes: c.target_minutes,
    elapsedMinutes: Math.floor(state.elapsedMs / MINUTE),
    dueAt: iso(state.dueAt),
    breachedAt: iso(state.breachedAt),
    startedAt: c.started_at,
    stoppedAt: c.stopped_at,
  };
}

type Clock = ReturnType<typeof presentCycle>;

/** The open clock that matters most: breached first, then the one due soonest, then a paused one. */
function headline(clocks: readonly Clock[]): Clock | null {
  const open = clocks.filter((c) => c.stoppedAt === null);
  const rank = (c: Clock) => (c.status === "breached" ? 0 : c.status === "paused" ? 2 : 1);
  open.sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? "").localeCompare(b.dueAt ?? ""));
  return open[0] ?? null;
}

export async function presentSummaries(db: Database, rows: readonly RequestRow[], now = Date.now()) {
  const [types, queues, names, clocks] = await Promise.all([
    listTypes(db),
    listQueues(db),
    namesOf(
      db,
      rows.flatMap((r) => [r.requester_id, r.assignee_id]),
    ),
    clocksOf(db, rows, now),
  ]);
  const typeName = new Map(types.map((t) => [t.key, t.name]));
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  return rows.map((r) => {
    const requestClocks = clocks.get(r.id) ?? [];
    return {
      id: r.id,
      number: r.number,
      type: r.type,
      typeName: typeName.get(r.type) ?? r.type,
      queue: { id: r.queue_id, name: queueName.get(r.queue_id) ?? r.queue_id },
      subject: r.subject,
      status: r.status as RequestStatus,
      priority: r.priority as Priority,
      requester: { id: r.requester_id, name: names.get(r.requester_id) ?? "" },
      assignee: r.assignee_id ? { id: r.assignee_id, name: names.get(r.assignee_id) ?? "" } : null,
      approval: r.approval as "pending" | "approved" | "rejected" | null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      sla: headline(requestClocks),
      clocks: requestClocks,
    };
  });
}

/** One request as this person may see it: the requester never sees internal notes. */
export async function presentRequest(db: Database, actor: Actor, row: RequestRow, now = Date.now()) {
  const [summary] = await presentSummaries(db, [row], now);
  const worker = canWork(actor);
  let messagesQuery = db.selectFrom("request_messages").selectAll().where("request_id", "=", row.id);
  if (!worker) messagesQuery = messagesQuery.where("visibility", "=", "public");
  const messages = await messagesQuery.orderBy("created_at").orderBy("id").execute();
  // The account is shown only to those who may see the inventory (a token without accounts.read may not).
  const account =
    row.account_id && actor.permissions.has("accounts.read")
      ? await db
          .selectFrom("accounts")
          .select(["id", "network", "handle", "display_name", "status"])
          .where("id", "=", row.account_id)
          .executeTakeFirst()
      : undefined;
  const article = row.article_id
    ? await db.selectFrom("kb_articles").select(["id", "slug", "title"]).where("id", "=", row.article_id).executeTakeFirst()
    : undefined;
  const isRequester = row.requester_id === actor.user.id;
  const done = row.status === "resolved" || row.status === "closed";
  return {
    ...(summary as NonNullable<typeof summary>),
    description: row.description,
    fields: JSON.parse(row.fields) as Record<string, string>,
    account: account
      ? { id: account.id, network: account.network, handle: account.handle, displayName: account.display_name, status: account.status }
      : null,
    article: article ?? null,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author_id ? { id: m.author_id, name: m.author_label } : null,
      visibility: m.visibility as "public" | "internal",
      text: m.text,
      createdAt: m.created_at,
    })),
    outcome: row.outcome ? (JSON.parse(row.outcome) as Record<string, string>) : null,
    checklist: row.checklist ? (JSON.parse(row.checklist) as ChecklistItem[]) : null,
    rating: row.rating !== null && row.rated_at ? { score: row.rating, comment: row.rating_comment ?? "", ratedAt: row.rated_at } : null,
    reopenCount: row.reopen_count,
    firstRespondedAt: row.first_responded_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    youMay: {
      work: worker,
      decide: row.approval === "pending" && actor.permissions.has("accounts.manage"),
      reply: row.status !== "closed" && (isRequester || worker),
      reopen: row.status === "resolved" && (isRequester || worker),
      rate: isRequester && done,
    },
  };
}
