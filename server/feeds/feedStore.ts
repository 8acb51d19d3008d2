import type { FeedStore } from "../../connectors/types.js";
import type { AuditActor } from "../audit/context.js";
import type { Database } from "../db/database.js";
import { putFeedItem } from "./putFeedItem.js";
import { removeFeedItem } from "./removeFeedItem.js";
import { feedUrls } from "./urls.js";

/** The hosted feed of one account, as a connector sees it (ConnectorContext.feedStore). */
export function createFeedStore(
  db: Database,
  actor: AuditActor,
  account: { id: string; handle: string; handle_key: string },
  baseUrl: string,
): FeedStore {
  const feedUrl = feedUrls(baseUrl, account.handle_key).rss;
  return {
    async put(item) {
      const row = await putFeedItem(db, actor, account, item);
      return { itemId: row.item_id, url: row.link ?? feedUrl };
    },
    remove: (itemId) => removeFeedItem(db, actor, account, itemId),
  };
}
