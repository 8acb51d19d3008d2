import type { Database } from "../db/database.js";
import { listQueues, listTypes } from "../requests/config.js";
import { REQUEST_STATUSES } from "../requests/model.js";
import { column, type ReportDefinition, type ReportRange, type ReportTable } from "./model.js";

const STATUS_LABELS: Record<(typeof REQUEST_STATUSES)[number], string> = {
  new: "New",
  open: "Open",
  pending: "Pending",
  on_hold: "On hold",
  resolved: "Resolved",
  closed: "Closed",
};

/**
 * Requests filed in the range, by type and the queue they are in now, counted by their status now.
 * One row per type and queue that has any, then a total.
 */
export async function requestsByType(db: Database, range: ReportRange): Promise<ReportTable> {
  const [counts, types, queues] = await Promise.all([
    db
      .selectFrom("requests")
      .select(["type", "queue_id", "status"])
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("created_at", ">=", range.from)
      .where("created_at", "<", range.to)
      .groupBy(["type", "queue_id", "status"])
      .execute(),
    listTypes(db),
    listQueues(db),
  ]);
  const typeName = new Map(types.map((t) => [t.key, t.name]));
  const typeOrder = new Map(types.map((t, i) => [t.key, i]));
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  const rows = new Map<string, Record<string, string | number>>();
  const blank = () => Object.fromEntries([...REQUEST_STATUSES.map((s) => [s, 0]), ["total", 0]]) as Record<string, number>;
  const total: Record<string, string | number> = { type: "Total", queue: "", ...blank() };
  for (const c of counts) {
    const key = `${c.type}\u0000${c.queue_id}`;
    const row = rows.get(key) ?? {
      typeKey: c.type,
      type: typeName.get(c.type) ?? c.type,
      queue: queueName.get(c.queue_id) ?? c.queue_id,
      ...blank(),
    };
    const n = Number(c.n);
    for (const target of [row, total]) {
      target[c.status] = Number(target[c.status] ?? 0) + n;
      target.total = Number(target.total) + n;
    }
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (typeOrder.get(String(a.typeKey)) ?? 99) - (typeOrder.get(String(b.typeKey)) ?? 99) || String(a.queue).localeCompare(String(b.queue)),
  );
  return {
    columns: [
      column("type", "Type"),
      column("queue", "Queue"),
      ...REQUEST_STATUSES.map((s) => column(s, STATUS_LABELS[s])),
      column("total", "Total"),
    ],
    rows: [...sorted.map(({ typeKey: _, ...rest }) => rest), ...(sorted.length > 0 ? [total] : [])],
  };
}

export const requestsReport: ReportDefinition = {
  name: "requests",
  title: "Requests by type and queue",
  permission: "requests.manage",
  ranged: true,
  build: (db, range) => requestsByType(db, range),
};
