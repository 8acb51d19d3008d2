import type { Database } from "../db/database.js";
import { notify } from "../notifications/notify.js";
import { EDITABLE_STATUSES } from "./model.js";

/**
 * A channel that is deleted or disconnected while posts wait to go out on it: those variants are
 * flagged `channel_lost` (never dropped) and each author is told which posts are affected.
 * Runs inside the caller's transaction, before the account row goes.
 */
export async function flagPostsOfLostChannel(
  trx: Database,
  account: { id: string; handle: string; network: string },
  reason: "deleted" | "disconnected",
): Promise<number> {
  const affected = await trx
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .select(["post_variants.id", "posts.id as post_id", "posts.author_id"])
    .where("post_variants.account_id", "=", account.id)
    .where("posts.status", "in", [...EDITABLE_STATUSES])
    .execute();
  if (affected.length === 0) return 0;
  const message = `${account.handle} (${account.network}) was ${reason}`;
  await trx
    .updateTable("post_variants")
    .set({ status: "channel_lost", last_error: message })
    .where(
      "id",
      "in",
      affected.map((a) => a.id),
    )
    .execute();
  for (const authorId of new Set(affected.map((a) => a.author_id))) {
    const posts = affected.filter((a) => a.author_id === authorId);
    await notify(trx, [authorId], {
      kind: "post.channel_lost",
      title: `${posts.length} post(s) can no longer go out on ${account.handle}`,
      body: `${message}. The posts are kept: choose another channel or reconnect the account before they are due.`,
      link: posts.length === 1 ? `/publishing/${posts[0]?.post_id}` : "/publishing",
    });
  }
  return affected.length;
}
