import { z } from "zod";
import type { Database } from "../db/database.js";
import type { StoredMessage } from "../inbox/ingest/types.js";
import { compileTopic } from "./matcher.js";

export const TopicTerms = z
  .array(z.string().trim().min(2).max(100))
  .min(1)
  .max(200)
  .describe("Keywords, phrases, #hashtags and brand names; matched whole, ignoring case");

/**
 * Records which listening topics each newly stored message matches (one statement per batch; a message
 * already recorded for a topic is left as it is). Returns the hits (the crisis detector keeps a series per topic).
 */
export async function recordTopicHits(db: Database, messages: readonly StoredMessage[]): Promise<{ topicId: string; messageId: string }[]> {
  if (messages.length === 0) return [];
  const topics = await db.selectFrom("listening_topics").select(["id", "terms"]).where("enabled", "=", 1).execute();
  if (topics.length === 0) return [];
  const matchers = topics.map((t) => compileTopic(t.id, JSON.parse(t.terms) as string[]));
  const hits = messages.flatMap((m) =>
    matchers.flatMap((matcher) => {
      const matched = matcher.match(m.text.slice(0, 20_000));
      return matched.length > 0
        ? [{ topic_id: matcher.topicId, message_id: m.id, matched: JSON.stringify(matched), sent_at: m.sentAt }]
        : [];
    }),
  );
  for (let i = 0; i < hits.length; i += 500)
    await db
      .insertInto("listening_hits")
      .values(hits.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["topic_id", "message_id"]).doNothing())
      .execute();
  return hits.map((h) => ({ topicId: h.topic_id, messageId: h.message_id }));
}
