import { sql } from "kysely";
import type { DialectCapabilities } from "../../db/capabilities.js";
import type { Database } from "../../db/database.js";
import { whereNotPaused } from "../pause/heldByPause.js";

/** The default lease; the engine uses the configured one (PUBLISH_LEASE_SECONDS). */
export const LEASE_MS = 5 * 60_000;

export interface ClaimedVariant {
  id: string;
  postId: string;
  accountId: string;
  network: string;
  text: string;
  threadParts: string[];
  /** Whether the post carries images; unknown (looked up when sending) for variants read another way. */
  hasMedia?: boolean;
  /**
   * Its moment (the post's time, or a retry's next attempt), when the engine claimed it slightly ahead
   * (see `lookaheadMs` in runDue.ts): it is sent then, not before. Unknown means now.
   */
  dueAt?: string;
}

/**
 * Variants joined to their posts, the posts read first: every engine query starts from a range of
 * post times (index `posts_status_scheduled`), so its cost follows what is due, not how many posts wait
 * in the future. SQLite otherwise starts from the variants' status index and reads every waiting
 * variant (3-4 ms a query at 5,000 waiting); `CROSS JOIN` is how SQLite is told the join order, and to
 * PostgreSQL it is the same inner join.
 */
export const variantsByPostTime = (db: Database) =>
  db.selectFrom("posts").crossJoin("post_variants").whereRef("post_variants.post_id", "=", "posts.id");

export interface ClaimOptions {
  /** How long the claim holds before it counts as a crashed worker's. */
  leaseMs?: number;
  /** On PostgreSQL, rows another worker is claiming at this moment are skipped instead of waited for. */
  capabilities?: DialectCapabilities;
}

/**
 * Claims up to `limit` due variants with one conditional UPDATE … RETURNING: a variant is taken only
 * while it still waits, so two workers never hold the same one (on PostgreSQL the row lock makes the
 * loser re-check the condition and skip the row; `SKIP LOCKED` spares it the wait).
 */
export async function claimDueVariants(
  db: Database,
  worker: string,
  now: Date,
  limit: number,
  options: ClaimOptions = {},
): Promise<ClaimedVariant[]> {
  const at = now.toISOString();
  // Due: the post's time has come, the variant waits (`pending`, or `retrying` whose next attempt has
  // come) and its channel still exists. Oldest first.
  let due = variantsByPostTime(db)
    .select(["post_variants.id"])
    .where("posts.status", "in", ["scheduled", "publishing"])
    .where("posts.scheduled_at", "<=", at)
    .where("post_variants.account_id", "is not", null)
    .where((eb) =>
      eb.or([
        eb("post_variants.status", "=", "pending"),
        eb.and([eb("post_variants.status", "=", "retrying"), eb("post_variants.next_attempt_at", "<=", at)]),
      ]),
    )
    .$call(whereNotPaused)
    .orderBy("posts.scheduled_at")
    .limit(limit);
  if (options.capabilities?.supportsSkipLocked) due = due.forUpdate("post_variants").skipLocked();
  const claimed = await db
    .updateTable("post_variants")
    .set({
      status: "publishing",
      lease_owner: worker,
      // From this moment, not the pass's start (recovering crashed claims first may have taken a while).
      lease_expires_at: new Date(Math.max(now.getTime(), Date.now()) + (options.leaseMs ?? LEASE_MS)).toISOString(),
    })
    .where("id", "in", due)
    // Still waiting (PostgreSQL re-checks it on the row it locked). Written `status || ''` so SQLite finds
    // the rows by id from the subquery: without statistics it would otherwise walk the status index
    // through every waiting variant (0.3 → 1 ms a claim with 5,000 waiting).
    .where(sql<string>`${sql.ref("status")} || ''`, "in", ["pending", "retrying"])
    .returning((eb) => [
      "id",
      "post_id",
      "account_id",
      "network",
      "text",
      "thread_parts",
      "next_attempt_at",
      eb.selectFrom("posts").select("posts.scheduled_at").whereRef("posts.id", "=", "post_variants.post_id").as("scheduled_at"),
      // The post's text, for variants without their own wording, in the same round trip.
      eb.selectFrom("posts").select("posts.text").whereRef("posts.id", "=", "post_variants.post_id").as("post_text"),
      // Whether there are images to read before sending (most posts have none: no query for them then).
      eb
        .selectFrom("post_media")
        .select("post_media.media_id")
        .whereRef("post_media.post_id", "=", "post_variants.post_id")
        .limit(1)
        .as("a_media_id"),
    ])
    .execute();
  return claimed.map((row) => ({
    id: row.id,
    postId: row.post_id,
    accountId: row.account_id ?? "",
    network: row.network,
    text: row.text ?? row.post_text ?? "",
    threadParts: JSON.parse(row.thread_parts) as string[],
    hasMedia: row.a_media_id !== null,
    // Never later than the moment claimed for (a stale retry time left on a rescheduled variant must not hold the pass).
    dueAt: [
      row.next_attempt_at && row.next_attempt_at > (row.scheduled_at ?? "") ? row.next_attempt_at : (row.scheduled_at ?? at),
      at,
    ].sort()[0],
  }));
}

/**
 * Extends this worker's claims on these variants while they are still being sent: a lease says the
 * worker is alive, not that it is quick, so a long pass (a slow network, a big backlog) does not lose
 * its claims to another worker while its sends are under way. A worker that died renews nothing, and
 * a claim that has already run out is not taken back.
 */
export async function renewLeases(db: Database, worker: string, ids: readonly string[], leaseMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  const now = Date.now();
  const result = await db
    .updateTable("post_variants")
    .set({ lease_expires_at: new Date(now + leaseMs).toISOString() })
    .where("id", "in", ids)
    .where("status", "=", "publishing")
    .where("lease_owner", "=", worker)
    .where("lease_expires_at", ">=", new Date(now).toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * When the next variant falls due (its post's time, or a retry's next attempt), if any waits at all:
 * the loop sleeps until then instead of polling blindly.
 */
export async function nextDueAt(db: Database): Promise<string | undefined> {
  // What a pause holds does not count: it would wake the loop for nothing, and delay the rest. One
  // branch per post status, each reading that status's posts in time order until the first that waits,
  // and one for retries (few: read from the variants' (status, next_attempt_at) index); one round trip.
  const firstWaiting = (status: string) =>
    variantsByPostTime(db)
      .select("posts.scheduled_at as at")
      .where("posts.status", "=", status)
      .where("posts.scheduled_at", "is not", null)
      .where("post_variants.status", "=", "pending")
      .where("post_variants.account_id", "is not", null)
      .$call(whereNotPaused)
      .orderBy("posts.scheduled_at")
      .limit(1);
  const firstRetry = db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .select("post_variants.next_attempt_at as at")
    .where("post_variants.status", "=", "retrying")
    .where("post_variants.next_attempt_at", "is not", null)
    .where("post_variants.account_id", "is not", null)
    .$call(whereNotPaused)
    .orderBy("post_variants.next_attempt_at")
    .limit(1);
  const rows = await db
    .selectFrom(firstWaiting("scheduled").as("scheduled"))
    .select("scheduled.at")
    .unionAll(db.selectFrom(firstWaiting("publishing").as("publishing")).select("publishing.at"))
    .unionAll(db.selectFrom(firstRetry.as("retry")).select("retry.at"))
    .execute();
  const times = rows.map((r) => r.at).filter((t): t is string => typeof t === "string");
  return times.sort()[0];
}

/** Variants with what is needed to send them: the variant's own text, or its post's. */
export const variantsToSend = (db: Database) =>
  db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .select([
      "post_variants.id",
      "post_variants.post_id",
      "post_variants.account_id",
      "post_variants.network",
      "post_variants.text",
      "post_variants.thread_parts",
      "post_variants.lease_expires_at",
      "posts.text as post_text",
    ]);

type VariantRow = Awaited<ReturnType<ReturnType<typeof variantsToSend>["execute"]>>[number];

export const toClaimed = (row: VariantRow): ClaimedVariant => ({
  id: row.id,
  postId: row.post_id,
  accountId: row.account_id ?? "",
  network: row.network,
  text: row.text ?? row.post_text,
  threadParts: JSON.parse(row.thread_parts) as string[],
});
