import type { Database } from "../../db/database.js";

export const LEASE_MS = 5 * 60_000;

export interface ClaimedVariant {
  id: string;
  postId: string;
  accountId: string;
  network: string;
  text: string;
  threadParts: string[];
}

/**
 * Claims up to `limit` variants that are due: their post is scheduled at or before now, the variant
 * waits (`pending`, or `retrying` whose next attempt has come), and its channel still exists. Each
 * claim is one conditional UPDATE, so two workers never hold the same variant.
 */
export async function claimDueVariants(db: Database, worker: string, now: Date, limit: number): Promise<ClaimedVariant[]> {
  const at = now.toISOString();
  const due = await db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
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
    .orderBy("posts.scheduled_at")
    .limit(limit)
    .execute();
  const claimed: string[] = [];
  for (const { id } of due) {
    const result = await db
      .updateTable("post_variants")
      .set({ status: "publishing", lease_owner: worker, lease_expires_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where("id", "=", id)
      .where("status", "in", ["pending", "retrying"])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push(id);
  }
  if (claimed.length === 0) return [];
  return (await variantsToSend(db).where("post_variants.id", "in", claimed).execute()).map(toClaimed);
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
