import type BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import type { Database } from "../../db/database.js";
import { inChunks } from "./chunks.js";
import { prepared } from "./sqliteInsert.js";

/**
 * Brings the touched conversations up to date from their stored messages (never drifting counters):
 * count, latest time, the latest inbound message's classification; a resolved or snoozed one reopens.
 */
export async function updateConversations(trx: Database, conversationIds: readonly string[], now: string, lockFirst: boolean) {
  const latestInbound = (column: "sentiment" | "intent" | "topic") =>
    trx
      .selectFrom("inbox_messages")
      .select(`inbox_messages.${column}`)
      .where("inbox_messages.conversation_id", "=", sql.ref<string>("inbox_conversations.id"))
      .where("inbox_messages.direction", "=", "in")
      .orderBy("inbox_messages.sent_at", "desc")
      .limit(1);
  await inChunks(conversationIds, async (chunk) => {
    // PostgreSQL: lock the rows first (in id order), so the counts below read what another ingester
    // committed meanwhile instead of this statement's older snapshot.
    if (lockFirst) await trx.selectFrom("inbox_conversations").select("id").where("id", "in", chunk).orderBy("id").forUpdate().execute();
    await trx
      .updateTable("inbox_conversations")
      .set((eb) => ({
        message_count: eb
          .selectFrom("inbox_messages")
          .select((m) => m.fn.countAll<number>().as("n"))
          .whereRef("inbox_messages.conversation_id", "=", "inbox_conversations.id"),
        last_message_at: eb
          .selectFrom("inbox_messages")
          .select((m) => m.fn.max("inbox_messages.sent_at").as("at"))
          .whereRef("inbox_messages.conversation_id", "=", "inbox_conversations.id"),
        sentiment: latestInbound("sentiment"),
        intent: latestInbound("intent"),
        topic: latestInbound("topic"),
        // A new message from the public brings a resolved, snoozed or answered (pending) conversation back.
        status: sql<string>`case when ${sql.ref("status")} in ('resolved', 'snoozed', 'pending') then 'open' else ${sql.ref("status")} end`,
        snoozed_until: null,
        updated_at: now,
      }))
      .where("id", "in", chunk)
      .execute();
  });
}

/**
 * The embedded database's version of updateConversations, one prepared statement per conversation:
 * the count goes up by the messages this batch stored in it (exact: the database decided which were
 * stored, and SQLite has one writer), where counting all its messages again would read its whole
 * history; the latest time and the latest inbound classification are read from the stored messages
 * through the (conversation, sent_at) index, as above. `added`: conversation id → messages to add.
 */
export function updateConversationsOnSqlite(sqlite: BetterSqlite3.Database, added: ReadonlyMap<string, number>, now: string) {
  const update = prepared(
    sqlite,
    `update inbox_conversations set
       message_count = message_count + @added,
       last_message_at = (select m.sent_at from inbox_messages m where m.conversation_id = @id order by m.sent_at desc limit 1),
       (sentiment, intent, topic) = (
         select m.sentiment, m.intent, m.topic from inbox_messages m
         where m.conversation_id = @id and m.direction = 'in' order by m.sent_at desc limit 1),
       status = case when status in ('resolved', 'snoozed', 'pending') then 'open' else status end,
       snoozed_until = null,
       updated_at = @now
     where id = @id`,
  );
  for (const [id, n] of added) update.run({ id, added: n, now });
}
