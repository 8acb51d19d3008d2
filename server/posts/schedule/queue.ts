import { instantToZonedTime, zonedTimeToInstant } from "../../../shared/zonedTime.js";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { badRequest, conflict, notFound } from "../../errors.js";

export interface QueueSlot {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** HH:MM on the queue's wall clock. */
  time: string;
}

export interface PostingQueue {
  timeZone: string;
  slots: QueueSlot[];
}

/** How far ahead a queued post looks for a free slot. */
const LOOKAHEAD_DAYS = 56;
/** Posts that hold a slot: everything from submitted to being sent. */
const HOLDING = ["pending_approval", "scheduled", "publishing"];

export async function queueOf(db: Database, accountId: string): Promise<PostingQueue | null> {
  const rows = await db
    .selectFrom("posting_queue_slots")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("weekday")
    .orderBy("time")
    .execute();
  const [first] = rows;
  return first ? { timeZone: first.time_zone, slots: rows.map((r) => ({ weekday: r.weekday, time: r.time })) } : null;
}

/** Replaces a channel's queue (no slots: no queue). */
export async function setQueue(db: Database, audit: AuditActor, accountId: string, queue: PostingQueue): Promise<void> {
  const account = await db.selectFrom("accounts").select(["handle", "network"]).where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", "account_not_found");
  const unique = new Map(queue.slots.map((s) => [`${s.weekday} ${s.time}`, s]));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("posting_queue_slots").where("account_id", "=", accountId).execute();
    if (unique.size > 0) {
      await trx
        .insertInto("posting_queue_slots")
        .values([...unique.values()].map((s) => ({ account_id: accountId, weekday: s.weekday, time: s.time, time_zone: queue.timeZone })))
        .execute();
    }
    await recordAudit(trx, audit, {
      action: "account.queue_set",
      targetType: "account",
      targetId: accountId,
      summary: `Set the posting queue of ${account.handle} on ${account.network}: ${unique.size} weekly slot${unique.size === 1 ? "" : "s"} (${queue.timeZone})`,
    });
  });
}

/** ISO weekday (1 Monday … 7 Sunday) of a YYYY-MM-DD date. */
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The instants of a queue's slots from `after` for `days` days, in order (wall times read in the queue's zone). */
export function slotInstants(queue: PostingQueue, after: Date, days = LOOKAHEAD_DAYS): string[] {
  const today = instantToZonedTime(after.toISOString(), queue.timeZone).date;
  const instants: string[] = [];
  for (let offset = 0; offset <= days; offset++) {
    const date = addDays(today, offset);
    const weekday = weekdayOf(date);
    for (const slot of queue.slots) {
      if (slot.weekday !== weekday) continue;
      const at = zonedTimeToInstant({ date, time: slot.time }, queue.timeZone)?.iso;
      if (at && Date.parse(at) > after.getTime()) instants.push(at);
    }
  }
  return instants.sort();
}

/**
 * The next free slot for a post on these channels: the earliest time that is a slot of one of
 * their queues and at which none of them has another post waiting to go out; with the zone of the
 * queue it belongs to (a repeating queued post keeps that wall-clock time).
 */
export async function nextFreeSlot(
  db: Database,
  accountIds: readonly string[],
  after = new Date(),
  ignorePostId?: string,
): Promise<{ at: string; timeZone: string }> {
  const queues = (await Promise.all(accountIds.map((id) => queueOf(db, id)))).filter((q): q is PostingQueue => q !== null);
  if (queues.length === 0) {
    throw badRequest("no_queue", "None of these channels has a posting queue: set its weekly slots on the channel's page, or pick a time.");
  }
  const candidates = [...new Set(queues.flatMap((q) => slotInstants(q, after)))].sort();
  const last = candidates.at(-1);
  if (!last) throw conflict("no_free_slot", `No queue slot in the next ${LOOKAHEAD_DAYS} days.`);
  let taken = db
    .selectFrom("posts")
    .innerJoin("post_variants", "post_variants.post_id", "posts.id")
    .select("posts.scheduled_at")
    .where("post_variants.account_id", "in", accountIds)
    .where("posts.status", "in", HOLDING)
    .where("posts.scheduled_at", ">", after.toISOString())
    .where("posts.scheduled_at", "<=", last);
  if (ignorePostId) taken = taken.where("posts.id", "!=", ignorePostId);
  const busy = new Set((await taken.execute()).map((r) => r.scheduled_at));
  const free = candidates.find((at) => !busy.has(at));
  if (!free) {
    throw conflict(
      "no_free_slot",
      `Every queue slot of these channels in the next ${LOOKAHEAD_DAYS} days is taken: add slots or pick a time.`,
    );
  }
  const owner = queues.find((q) => slotInstants(q, after).includes(free));
  return { at: free, timeZone: owner?.timeZone ?? "UTC" };
}
