import type { InboundItem } from "../../../connectors/types.js";
import type { Database } from "../../db/database.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { classify } from "../../inbox/classify/index.js";
import type { TopicMatcher } from "../matcher.js";

/** Longest text kept of a found post (a post is short; a feed's article may not be). */
const MAX_TEXT = 20_000;

/**
 * Keeps the posts a topic's search found whose text really contains one of the topic's terms (a network's
 * search may stem words or match profile fields), classified for sentiment. A post stored before for the
 * topic is left as it is (the unique key decides). Returns how many were new.
 */
export async function storeFound(
  db: Database,
  params: { matcher: TopicMatcher; network: string; accountId: string; items: readonly InboundItem[]; now: Date },
): Promise<number> {
  const { matcher, network, accountId, now } = params;
  const rows = params.items.flatMap((item) => {
    const text = item.text.slice(0, MAX_TEXT);
    const matched = matcher.match(text);
    if (matched.length === 0) return [];
    return [
      {
        id: timeOrderedId(),
        topic_id: matcher.topicId,
        network,
        external_id: item.remoteId,
        account_id: accountId,
        author_id: item.author.externalId,
        author_handle: item.author.handle,
        author_name: item.author.displayName,
        text,
        url: item.url,
        sentiment: classify(text).sentiment,
        matched: JSON.stringify(matched),
        sent_at: item.createdAt.toISOString(),
        found_at: now.toISOString(),
      },
    ];
  });
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto("listening_found")
    .values(rows)
    .onConflict((oc) => oc.columns(["topic_id", "network", "external_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}
