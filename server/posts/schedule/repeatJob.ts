import { randomUUID } from "node:crypto";
import { z } from "zod";
import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { defineJob } from "../../jobs/job.js";
import { mediaIdsOf, writePostMedia } from "../../media/postMedia.js";
import { nextOccurrence, type RepeatRule } from "./recurrence.js";

/** Statuses after which an occurrence has had its turn: the series moves on. */
const DONE = ["publishing", "published", "failed", "missed", "needs_review"];

/**
 * Schedules the next occurrence of every repeating post whose latest occurrence has had its turn:
 * a copy of it (text, channels, images, campaign, tags) at the rule's next time in the post's zone. The
 * series was approved when it was submitted, so occurrences are scheduled as they are. An occurrence
 * whose time has already passed (the server was down) is skipped, never sent late. The unique
 * (series, occurrence) index means two runners never create the same occurrence.
 */
export async function scheduleNextOccurrences(db: Database, now = new Date()): Promise<number> {
  const latest = await db
    .selectFrom("posts as p")
    .selectAll("p")
    .where("p.repeat", "is not", null)
    .where("p.series_id", "is not", null)
    .where("p.status", "in", DONE)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("posts as later")
            .select("later.id")
            .whereRef("later.series_id", "=", "p.series_id")
            .whereRef("later.occurrence", ">", "p.occurrence"),
        ),
      ),
    )
    .execute();
  let created = 0;
  for (const post of latest) {
    if (!post.repeat || !post.series_id || !post.series_first_at || post.occurrence === null) continue;
    const next = nextOccurrence(JSON.parse(post.repeat) as RepeatRule, post.series_first_at, post.time_zone, post.occurrence + 1, now);
    if (!next) continue;
    const id = randomUUID();
    const at = new Date().toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("posts")
          .values({
            ...post,
            id,
            scheduled_at: next.at,
            status: "scheduled",
            version: 1,
            occurrence: next.occurrence,
            created_at: at,
            updated_at: at,
          })
          .execute();
        const variants = await trx
          .selectFrom("post_variants")
          .selectAll()
          .where("post_id", "=", post.id)
          .where("account_id", "is not", null)
          .execute();
        if (variants.length > 0) {
          await trx
            .insertInto("post_variants")
            .values(
              variants.map((v) => ({
                id: randomUUID(),
                post_id: id,
                account_id: v.account_id,
                network: v.network,
                text: v.text,
                thread_parts: v.thread_parts,
                status: "pending",
              })),
            )
            .execute();
        }
        await writePostMedia(trx, id, await mediaIdsOf(trx, post.id));
        await recordAudit(trx, systemActor("publishing"), {
          action: "post.repeated",
          targetType: "post",
          targetId: id,
          summary: `Scheduled occurrence ${next.occurrence} of a repeating post for ${next.at}`,
        });
      });
      created++;
    } catch (err) {
      // Another runner created this occurrence first: the unique index refused ours.
      const exists = await db
        .selectFrom("posts")
        .select("id")
        .where("series_id", "=", post.series_id)
        .where("occurrence", "=", next.occurrence)
        .executeTakeFirst();
      if (!exists) throw err;
    }
  }
  return created;
}

export const repeatPostsJob = defineJob({
  name: "posts.schedule-repeats",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 10_000 } },
  timeoutMs: 60_000,
  every: { ms: 30_000 },
  async run(_payload, { db, log }) {
    const created = await scheduleNextOccurrences(db);
    if (created > 0) log.info({ created }, "scheduled next occurrences of repeating posts");
  },
});
