import type { Selectable } from "kysely";
import { withClient } from "../../connections/withClient.js";
import type { ListeningSearchesTable } from "../../db/schema.js";
import type { Services } from "../../services.js";
import type { TopicMatcher } from "../matcher.js";
import type { SearchChannel } from "./channels.js";
import { storeFound } from "./storeFound.js";

export type SearchRow = Selectable<ListeningSearchesTable>;
type SweepState = Pick<SearchRow, "cursor" | "sweep_from" | "sweep_until" | "covered_until">;

const DAY_MS = 86_400_000;
const PAGE_SIZE = 50;
/** Pages read in one run; a longer sweep (a busy term's backfill) goes on from its cursor next run. */
const MAX_PAGES = 5;
/** Searches index posts a little after they are written: each sweep reads this much further back than the last. */
const LATE_INDEXING_MS = 10 * 60_000;

/**
 * One run of one search: the newest page first, then older pages until the sweep reaches the time the last
 * complete sweep covered (or the backfill horizon). Returns what was found and the search's new state.
 */
export async function sweep(
  services: Services,
  row: SearchRow,
  context: { channel: SearchChannel; matcher: TopicMatcher; ownIds: Set<string>; now: Date; backfillDays: number },
): Promise<{ found: number; state: SweepState }> {
  const { channel, matcher, ownIds, now } = context;
  const continuing = row.cursor !== null && row.sweep_from !== null && row.sweep_until !== null;
  const from = continuing ? (row.sweep_from as string) : now.toISOString();
  const until = new Date(
    continuing
      ? (row.sweep_until as string)
      : row.covered_until
        ? Date.parse(row.covered_until) - LATE_INDEXING_MS
        : now.getTime() - context.backfillDays * DAY_MS,
  );
  let cursor = continuing ? row.cursor : null;
  let found = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const read = await withClient(services, channel.accountId, (client) =>
      client.searchPosts
        ? client.searchPosts(row.term, cursor, { limit: PAGE_SIZE, since: until })
        : Promise.resolve({ items: [], nextCursor: null }),
    );
    const items = read.items.filter((i) => i.createdAt >= until && !ownIds.has(`${channel.network}\n${i.author.externalId}`));
    found += await storeFound(services.db, { matcher, network: channel.network, accountId: channel.accountId, items, now });
    const done = read.items.length === 0 || !read.nextCursor || read.items.some((i) => i.createdAt < until);
    if (done) {
      const covered = row.covered_until && row.covered_until > from ? row.covered_until : from;
      return { found, state: { cursor: null, sweep_from: null, sweep_until: null, covered_until: covered } };
    }
    cursor = read.nextCursor;
  }
  return { found, state: { cursor, sweep_from: from, sweep_until: until.toISOString(), covered_until: row.covered_until } };
}
