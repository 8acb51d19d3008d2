import { z } from "zod";
import type { Database } from "../../db/database.js";
import { defineJob } from "../../jobs/job.js";
import { compileRules } from "../routing/rules.js";
import { loadRoutingRules } from "../routing/store.js";
import { syncClocks } from "../sla/syncClocks.js";
import { autoAssignAll } from "./autoAssign.js";
import { firstLook } from "./firstLook.js";
import { markInactiveAway } from "./markInactiveAway.js";

const CURSOR_KEY = "queue_cursor";
/** Conversations brought in line per run; a backlog goes on at the next run. */
const BATCH = 500;
/**
 * The worker looks this far behind its cursor: a transaction that committed late (PostgreSQL, two
 * writers) with an older `updated_at` is still seen. Re-seeing a conversation is harmless: the
 * `queue_synced_at <> updated_at` test skips what is in line already.
 */
const LOOK_BACK_MS = 60_000;

async function readCursor(db: Database, now: number): Promise<string> {
  const row = await db.selectFrom("inbox_settings").select("value").where("key", "=", CURSOR_KEY).executeTakeFirst();
  const at = row ? (JSON.parse(row.value) as { at?: string }).at : undefined;
  return at ?? new Date(now - 86_400_000).toISOString();
}

async function writeCursor(db: Database, at: string, now: string) {
  const value = JSON.stringify({ at });
  await db
    .insertInto("inbox_settings")
    .values({ key: CURSOR_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
}

/**
 * Brings the conversations that changed since the last run in line (docs/inbox.md, "Working the
 * queue"): a new one gets its SLA policy and its routing rule's agent checked against presence and
 * capacity; every changed one has its SLA clocks started, paused, resumed or stopped. Ingestion stays
 * a lean insert path; this runs beside it every 10 seconds. Returns how many were brought in line.
 */
export async function syncChangedConversations(db: Database, options: { rowLocks: boolean; now?: number }): Promise<number> {
  const now = options.now ?? Date.now();
  const nowIso = new Date(now).toISOString();
  const cursor = await readCursor(db, now);
  const from = new Date(Date.parse(cursor) - LOOK_BACK_MS).toISOString();
  const changed = await db
    .selectFrom("inbox_conversations")
    .select(["id", "updated_at"])
    .where("updated_at", ">=", from)
    .where((eb) => eb.or([eb("queue_synced_at", "is", null), eb("queue_synced_at", "<>", eb.ref("updated_at"))]))
    .orderBy("updated_at")
    .orderBy("id")
    .limit(BATCH)
    .execute();
  const rules = changed.length > 0 ? compileRules(await loadRoutingRules(db)) : compileRules([]);
  for (const { id } of changed) {
    await db.transaction().execute(async (trx) => {
      let read = trx
        .selectFrom("inbox_conversations")
        .select(["id", "network", "kind", "account_id", "subject", "team_id", "assignee_id", "updated_at", "queue_synced_at"])
        .where("id", "=", id);
      if (options.rowLocks) read = read.forUpdate();
      const conversation = await read.executeTakeFirst();
      if (!conversation || conversation.queue_synced_at === conversation.updated_at) return;
      if (conversation.queue_synced_at === null) await firstLook(trx, conversation, rules, nowIso);
      await syncClocks(trx, id, now);
      await trx
        .updateTable("inbox_conversations")
        .set((eb) => ({ queue_synced_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute();
    });
  }
  // Nothing changed: the cursor stays (no write, so the embedded database's read caches stay warm).
  const last = changed.at(-1);
  if (last) await writeCursor(db, changed.length === BATCH ? last.updated_at : nowIso, nowIso);
  return changed.length;
}

/** One run of the queue worker: clocks and first looks, auto-assignment, presence. */
export async function workQueue(db: Database, options: { rowLocks: boolean; now?: number }) {
  const now = options.now ?? Date.now();
  const synced = await syncChangedConversations(db, { ...options, now });
  const away = await markInactiveAway(db, now);
  const assigned = await autoAssignAll(db, new Date(now));
  // What auto-assignment changed gets its clocks in line now rather than on the next run.
  if (assigned > 0) await syncChangedConversations(db, { ...options, now });
  return { synced, assigned, away };
}

export const workQueueJob = defineJob({
  name: "inbox.queue",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 5_000 } },
  timeoutMs: 60_000,
  every: { ms: 10_000 },
  async run(_payload, { db, services, log }) {
    const done = await workQueue(db, { rowLocks: services.capabilities.supportsConcurrentWriters });
    if (done.assigned + done.away > 0) log.info(done, "inbox queue worked");
  },
});
