import type { Services } from "../../services.js";
import { compileTopic } from "../matcher.js";
import { searchChannels } from "./channels.js";
import { sweep } from "./sweep.js";

/** How often each term is searched again on each network. */
export const SEARCH_INTERVAL_MS = 5 * 60_000;
/** A new search (a topic created, a term added, a network connected) first reads this far back. */
export const BACKFILL_DAYS = 7;
/** A failing search waits 5, 10, 20 … minutes, at most 6 hours, while the others carry on. */
const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Searches run in one go, so one run stays well inside the job's timeout; the rest wait for the next run. */
const MAX_SEARCHES_PER_RUN = 40;

export interface SearchRunResult {
  searched: number;
  failed: number;
  found: number;
}

/**
 * Searches the networks that allow it for every enabled topic's terms (each term on each network is one
 * search with its own cursor and schedule) and keeps what matched in the topic's view. A new search first
 * reads back BACKFILL_DAYS; later ones read back to where the previous one left off.
 */
export async function searchTopics(services: Services, now = new Date()): Promise<SearchRunResult> {
  const { db } = services;
  const result: SearchRunResult = { searched: 0, failed: 0, found: 0 };
  const topics = await db.selectFrom("listening_topics").select(["id", "terms"]).where("enabled", "=", 1).execute();
  if (topics.length === 0) return result;
  const { channels, ownIds } = await searchChannels(services);
  if (channels.length === 0) return result;
  const at = now.toISOString();
  const termsOf = new Map(topics.map((t) => [t.id, [...new Set(JSON.parse(t.terms) as string[])]]));
  const wanted = topics.flatMap((t) =>
    (termsOf.get(t.id) ?? []).flatMap((term) => channels.map((c) => ({ topic_id: t.id, account_id: c.accountId, term }))),
  );
  for (let i = 0; i < wanted.length; i += 300)
    await db
      .insertInto("listening_searches")
      .values(wanted.slice(i, i + 300).map((w) => ({ ...w, next_run_at: at, failures: 0 })))
      .onConflict((oc) => oc.columns(["topic_id", "account_id", "term"]).doNothing())
      .execute();

  const due = await db
    .selectFrom("listening_searches")
    .selectAll()
    .where(
      "topic_id",
      "in",
      topics.map((t) => t.id),
    )
    .where(
      "account_id",
      "in",
      channels.map((c) => c.accountId),
    )
    .where("next_run_at", "<=", at)
    .orderBy("next_run_at")
    .limit(MAX_SEARCHES_PER_RUN * 4)
    .execute();
  // A term taken out of its topic is no longer searched (its row stays until the topic goes; harmless).
  const current = due.filter((row) => termsOf.get(row.topic_id)?.includes(row.term)).slice(0, MAX_SEARCHES_PER_RUN);
  const matchers = new Map(topics.map((t) => [t.id, compileTopic(t.id, termsOf.get(t.id) ?? [])]));
  for (const row of current) {
    const channel = channels.find((c) => c.accountId === row.account_id);
    const matcher = matchers.get(row.topic_id);
    if (!channel || !matcher) continue;
    result.searched++;
    const key = (q: typeof db) =>
      q
        .updateTable("listening_searches")
        .where("topic_id", "=", row.topic_id)
        .where("account_id", "=", row.account_id)
        .where("term", "=", row.term);
    try {
      const swept = await sweep(services, row, { channel, matcher, ownIds, now, backfillDays: BACKFILL_DAYS });
      result.found += swept.found;
      await key(db)
        .set({
          ...swept.state,
          failures: 0,
          last_error: null,
          last_run_at: at,
          next_run_at: new Date(now.getTime() + SEARCH_INTERVAL_MS).toISOString(),
        })
        .execute();
    } catch (error) {
      result.failed++;
      const failures = row.failures + 1;
      const wait = Math.min(SEARCH_INTERVAL_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
      await key(db)
        .set({
          // The sweep's state stays as it was: what it read before failing is stored, and reading it again is harmless.
          failures,
          last_error: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
          last_run_at: at,
          next_run_at: new Date(now.getTime() + wait).toISOString(),
        })
        .execute();
    }
  }
  return result;
}
