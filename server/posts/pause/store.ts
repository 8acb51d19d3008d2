import type { Database } from "../../db/database.js";
import type { PauseScope, PauseViewType } from "./schema.js";

const pauses = (db: Database) =>
  db
    .selectFrom("publish_pauses")
    .leftJoin("users as pauser", "pauser.id", "publish_pauses.paused_by")
    .leftJoin("users as resumer", "resumer.id", "publish_pauses.resumed_by")
    .selectAll("publish_pauses")
    .select(["pauser.name as pauser_name", "resumer.name as resumer_name"]);

type PauseRow = Awaited<ReturnType<ReturnType<typeof pauses>["execute"]>>[number];

/** What a pause in force holds right now: due variants in its scope, and how many of those are too late to send. */
async function heldBy(db: Database, pause: PauseRow, now: Date, missedAfterMs: number): Promise<PauseViewType["held"]> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - missedAfterMs).toISOString();
  let query = db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .select((eb) => [
      eb.fn.countAll<number>().as("due"),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb("post_variants.status", "=", "pending"), eb("posts.scheduled_at", "<", cutoff)]))
            .then(1)
            .end(),
        )
        .as("late"),
    ])
    .where("posts.status", "in", ["scheduled", "publishing"])
    .where("posts.scheduled_at", "<=", at)
    .where("post_variants.account_id", "is not", null)
    .where("post_variants.status", "in", ["pending", "retrying"]);
  if (pause.scope === "account") query = query.where("post_variants.account_id", "=", pause.scope_id);
  if (pause.scope === "campaign") query = query.where("posts.campaign_id", "=", pause.scope_id);
  const counts = await query.executeTakeFirstOrThrow();
  return { due: Number(counts.due), late: Number(counts.late) };
}

const present = (row: PauseRow, held: PauseViewType["held"]): PauseViewType => ({
  id: row.id,
  scope: row.scope as PauseScope,
  scopeId: row.scope_id,
  scopeLabel: row.scope_label,
  reason: row.reason,
  pausedBy: row.paused_by ? { id: row.paused_by, name: row.pauser_name ?? "" } : null,
  pausedAt: row.paused_at,
  resumedBy: row.resumed_by ? { id: row.resumed_by, name: row.resumer_name ?? "" } : null,
  resumedAt: row.resumed_at,
  inForce: row.resumed_at === null,
  held,
});

/** Pauses in force (oldest first, as they were put in place) and the latest `recent` resumed ones. */
export async function listPauses(db: Database, missedAfterMs: number, recent = 10, now = new Date()) {
  const inForce = await pauses(db).where("publish_pauses.resumed_at", "is", null).orderBy("publish_pauses.paused_at").execute();
  const ended = await pauses(db)
    .where("publish_pauses.resumed_at", "is not", null)
    .orderBy("publish_pauses.resumed_at", "desc")
    .limit(recent)
    .execute();
  return {
    inForce: await Promise.all(inForce.map(async (row) => present(row, await heldBy(db, row, now, missedAfterMs)))),
    recent: ended.map((row) => present(row, null)),
  };
}

/** One pause; `withHeld` counts what it holds (or held until now), as of `now`. */
export async function findPause(db: Database, id: string, missedAfterMs: number, withHeld: boolean, now = new Date()) {
  const row = await pauses(db).where("publish_pauses.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return present(row, withHeld ? await heldBy(db, row, now, missedAfterMs) : null);
}
