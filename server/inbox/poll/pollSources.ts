import type { InboundItem } from "../../../connectors/types.js";
import { withClient } from "../../connections/withClient.js";
import type { Services } from "../../services.js";
import { afterIngest } from "../ingest/afterIngest.js";
import { ingestBatch } from "../ingest/ingest.js";
import type { InboundEvent, IngestResult } from "../ingest/types.js";
import { compileRules } from "../routing/rules.js";
import { loadRoutingRules } from "../routing/store.js";

/** How often a healthy channel's mentions are read. */
export const POLL_INTERVAL_MS = 60_000;
/** A failing channel waits 1, 2, 4 … minutes, at most an hour, while the others carry on. */
const MAX_BACKOFF_MS = 3_600_000;
/** Pages read in one go when a page was all new (catching up after downtime). */
const MAX_PAGES = 5;
const STREAM = "mentions";

export interface PollResult {
  polled: number;
  failed: number;
  stored: number;
  /** What was stored, for the crisis detector and alerts. */
  results: IngestResult[];
}

const toEvent = (accountId: string, network: string, item: InboundItem): InboundEvent => ({
  accountId,
  network,
  kind: item.kind === "comment" ? "comment" : "mention",
  remoteId: item.remoteId,
  text: item.text,
  createdAt: item.createdAt,
  author: item.author,
  url: item.url,
  inReplyTo: item.inReplyTo,
  threadRoot: item.threadRoot ?? null,
});

/**
 * Reads the mentions of every connected channel whose network can be read and whose turn has come,
 * and ingests them. The newest page first; further pages only while a page was all new. A channel that
 * fails backs off on its own (the reason is kept for its health) and never holds up the others.
 */
export async function pollInboxSources(services: Services, now = new Date()): Promise<PollResult> {
  const { db } = services;
  const result: PollResult = { polled: 0, failed: 0, stored: 0, results: [] };
  const accounts = await db.selectFrom("accounts").select(["id", "network"]).where("connection_status", "=", "connected").execute();
  const readable = accounts.filter((a) => services.connectors.get(a.network)?.capabilities.readMentions);
  if (readable.length === 0) return result;
  const at = now.toISOString();
  await db
    .insertInto("inbox_sources")
    .values(readable.map((a) => ({ account_id: a.id, stream: STREAM, cursor: null, next_poll_at: at, failures: 0 })))
    .onConflict((oc) => oc.columns(["account_id", "stream"]).doNothing())
    .execute();
  const due = await db
    .selectFrom("inbox_sources")
    .select(["account_id", "failures", "cursor"])
    .where("stream", "=", STREAM)
    .where(
      "account_id",
      "in",
      readable.map((a) => a.id),
    )
    .where("next_poll_at", "<=", at)
    .execute();
  if (due.length === 0) return result;
  const rules = compileRules(await loadRoutingRules(db));
  for (const source of due) {
    const network = readable.find((a) => a.id === source.account_id)?.network as string;
    result.polled++;
    // A catch-up left unfinished (older pages not read yet) goes on where it stopped; otherwise the newest page.
    let cursor: string | null = source.cursor;
    try {
      let more = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const read = await withClient(services, source.account_id, (client) =>
          client.readMentions ? client.readMentions(cursor, { limit: 100 }) : Promise.resolve({ items: [], nextCursor: null }),
        );
        const ingested = await ingestBatch(
          db,
          read.items.map((item) => toEvent(source.account_id, network, item)),
          { rules, capabilities: services.capabilities },
        );
        result.stored += ingested.stored;
        await afterIngest(services, ingested);
        result.results.push(ingested);
        more = !(read.items.length === 0 || ingested.duplicates > 0 || !read.nextCursor);
        if (!more) break;
        cursor = read.nextCursor;
      }
      await db
        .updateTable("inbox_sources")
        .set({
          // Pages still to read after this poll's last one: the next poll starts there.
          cursor: more ? cursor : null,
          failures: 0,
          last_error: null,
          last_polled_at: at,
          last_success_at: new Date().toISOString(),
          next_poll_at: new Date(now.getTime() + POLL_INTERVAL_MS).toISOString(),
        })
        .where("account_id", "=", source.account_id)
        .where("stream", "=", STREAM)
        .execute();
    } catch (error) {
      result.failed++;
      const failures = source.failures + 1;
      const wait = Math.min(POLL_INTERVAL_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
      await db
        .updateTable("inbox_sources")
        .set({
          // The page that failed is read again first next time: nothing older is skipped.
          cursor,
          failures,
          last_error: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
          last_polled_at: at,
          next_poll_at: new Date(now.getTime() + wait).toISOString(),
        })
        .where("account_id", "=", source.account_id)
        .where("stream", "=", STREAM)
        .execute();
    }
  }
  return result;
}
