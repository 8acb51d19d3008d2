import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { notFound } from "../../errors.js";

/**
 * An internal note on a conversation: a message with direction `note`, written by the user and never
 * sent anywhere. It counts as activity (ingestion counts every stored message), so the conversation's
 * count and latest time move with it. Returns the note's id.
 */
export async function addNote(
  db: Database,
  audit: AuditActor,
  conversationId: string,
  authorUserId: string,
  text: string,
  at = new Date(),
) {
  const now = at.toISOString();
  const id = timeOrderedId(at.getTime());
  await db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom("inbox_conversations")
      .select(["id", "account_id", "subject", "last_message_at"])
      .where("id", "=", conversationId)
      .executeTakeFirst();
    if (!conversation) throw notFound("Conversation", "conversation_not_found");
    await trx
      .insertInto("inbox_messages")
      .values({
        id,
        conversation_id: conversationId,
        account_id: conversation.account_id,
        // Unique per channel like every message; a note has no network id, so it gets its own.
        external_id: `note:${id}`,
        direction: "note",
        contact_id: null,
        author_user_id: authorUserId,
        text,
        url: null,
        in_reply_to: null,
        sentiment: null,
        sentiment_confidence: null,
        intent: null,
        topic: null,
        sent_at: now,
        received_at: now,
      })
      .execute();
    await trx
      .updateTable("inbox_conversations")
      .set((eb) => ({
        message_count: eb("message_count", "+", 1),
        last_message_at: conversation.last_message_at > now ? conversation.last_message_at : now,
        updated_at: now,
      }))
      .where("id", "=", conversationId)
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.note.added",
      targetType: "inbox_conversation",
      targetId: conversationId,
      summary: `Added a note to conversation “${conversation.subject.slice(0, 80)}”`,
      // The note itself is in the conversation; the log keeps which one and how long, not its words.
      changes: { noteId: id, length: text.length },
    });
  });
  return id;
}
