import { baseUrlOf } from "../../connections/baseUrl.js";
import type { Services } from "../../services.js";

export interface SearchChannel {
  accountId: string;
  network: string;
}

/**
 * The connected channels to search with: one per network and server. Bluesky's search is the same whatever
 * account asks, and a Mastodon server searches what it knows, so a second account on the same server would
 * only find the same posts again. The oldest account of each wins, so the choice stays put.
 */
export async function searchChannels(services: Services): Promise<{ channels: SearchChannel[]; ownIds: Set<string> }> {
  const accounts = await services.db
    .selectFrom("accounts")
    .select(["id", "network", "url", "external_id"])
    .where("connection_status", "=", "connected")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const seen = new Set<string>();
  const channels: SearchChannel[] = [];
  for (const account of accounts) {
    const connector = services.connectors.get(account.network);
    if (!connector?.capabilities.search) continue;
    let server = "";
    try {
      server = connector.selfHosted && account.url ? baseUrlOf(connector, account.url) : "";
    } catch {
      // An address that is not a URL: the account's own server is unknown; it searches on its own.
      server = account.id;
    }
    const key = `${account.network}\n${server}`;
    if (seen.has(key)) continue;
    seen.add(key);
    channels.push({ accountId: account.id, network: account.network });
  }
  // The organisation's own posts are not what listening is for.
  const ownIds = new Set(accounts.flatMap((a) => (a.external_id ? [`${a.network}\n${a.external_id}`] : [])));
  return { channels, ownIds };
}
