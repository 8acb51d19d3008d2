import type { ExpressionBuilder } from "kysely";
import type { Database } from "../db/database.js";
import type { DB } from "../db/schema.js";

/**
 * Posts a topic's network search found (listening_found), as the topic's view shows them. A found post
 * the inbox also read (it mentioned a channel, say) is shown once, as the inbox's message.
 */
const notInInbox = (eb: ExpressionBuilder<DB & { f: DB["listening_found"] }, "f">) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom("accounts as a")
        .innerJoin("inbox_messages as m", (join) => join.onRef("m.account_id", "=", "a.id").onRef("m.external_id", "=", "f.external_id"))
        .select("m.id")
        .whereRef("a.network", "=", "f.network"),
    ),
  );

/** Per topic: found posts ever, in the last day, and negative ones in the last day. */
export async function foundCounts(db: Database, topicIds: readonly string[], since: string) {
  if (topicIds.length === 0) return [];
  return db
    .selectFrom("listening_found as f")
    .select((eb) => [
      "f.topic_id",
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("f.sent_at", ">=", since).then(1).else(0).end()).as("last24h"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("f.sent_at", ">=", since), eb("f.sentiment", "=", "negative")]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("negative24h"),
    ])
    .where("f.topic_id", "in", topicIds)
    .where(notInInbox)
    .groupBy("f.topic_id")
    .execute();
}

/** One page of a topic's found posts, newest first. */
export async function foundPage(db: Database, topicId: string, options: { before?: string | undefined; limit: number; snippet: number }) {
  let query = db
    .selectFrom("listening_found as f")
    .leftJoin("accounts", "accounts.id", "f.account_id")
    .select((eb) => [
      "f.id",
      "f.network",
      "f.account_id",
      "f.author_handle",
      "f.sentiment",
      "f.url",
      "f.sent_at",
      "f.matched",
      "accounts.handle",
      eb.fn("substr", [eb.ref("f.text"), eb.val(1), eb.val(options.snippet)]).as("snippet"),
      eb.fn("length", [eb.ref("f.text")]).as("length"),
    ])
    .where("f.topic_id", "=", topicId)
    .where(notInInbox);
  if (options.before) query = query.where("f.sent_at", "<", options.before);
  return query.orderBy("f.sent_at", "desc").limit(options.limit).execute();
}
