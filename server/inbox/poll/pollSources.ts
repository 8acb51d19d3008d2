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

export interface PollResult {
  polled: number;
  failed: number;
  stored: number;
  /** What was stored, for the crisis detector and alerts. */
  results: IngestResult[];
}

const toEvent = (accountId: string, network: string, item: InboundItem, threadRoot?: string): InboundEvent => ({
  accountId,
  network,
  kind: item.kind === "comment" ? "comment" : "mention",
  remoteId: item.remoteId,
  text: item.text,
  createdAt: item.createdAt,
  author: item.author,
  url: item.url,
  inReplyTo: item.inReplyTo,
  threadRoot: threadRoot ?? item.threadRoot ?? null,
});

/** Comments are read under the channel's posts published this recently, the newest first. */
export const COMMENTS_WITHIN_MS = 14 * 24 * 3_600_000;
/** Posts whose comments one poll reads, per channel. */
const COMMENT_POSTS = 20;

type Client = Parameters<Parameters<typeof withClient>[2]>[0];

/**
 * What a channel is read for. `mentions`: the network's mentions (and replies) of the account, with a
 * cursor kept between polls. `comments`: the comments under the channel's recently published posts,
 * each post's newest page, threaded under the post.
 */
interface Stream {
  name: "mentions" | "comments";
  readable(capabilities: { readMentions: boolean; readComments: boolean }): boolean;
  /** Reads and ingests; returns the cursor to keep (pages still to read), or null. */
  poll(ctx: StreamContext, cursor: string | null): Promise<string | null>;
}

interface StreamContext {
  services: Services;
  accountId: string;
  network: string;
  now: Date;
  ingest(items: InboundItem[], threadRoot?: string): Promise<IngestResult>;
  /** The page about to be read: where the next poll starts if this one fails. */
  reading(cursor: string | null): void;
}

/** Reads pages newest first while every item of a page was new (catching up), at most MAX_PAGES. */
async function readNewPages(
  start: string | null,
  read: (cursor: string | null) => Promise<{ items: InboundItem[]; nextCursor: string | null }>,
  ingest: (items: InboundItem[]) => Promise<IngestResult>,
  reading: (cursor: string | null) => void = () => {},
): Promise<{ more: boolean; cursor: string | null }> {
  let cursor = start;
  for (let page = 0; page < MAX_PAGES; page++) {
    reading(cursor);
    const got = await read(cursor);
    const ingested = await ingest(got.items);
    const more = !(got.items.length === 0 || ingested.duplicates > 0 || !got.nextCursor);
    if (!more) return { more: false, cursor };
    cursor = got.nextCursor;
  }
  return { more: true, cursor };
}

const withChannel = <T>(ctx: StreamContext, work: (client: Client) => Promise<T>) => withClient(ctx.services, ctx.accountId, work);

const MENTIONS: Stream = {
  name: "mentions",
  readable: (c) => c.readMentions,
  async poll(ctx, start) {
    const { more, cursor } = await readNewPages(
      start,
      (cursor) =>
        withChannel(ctx, (client) =>
          client.readMentions ? client.readMentions(cursor, { limit: 100 }) : Promise.resolve({ items: [], nextCursor: null }),
        ),
      (items) => ctx.ingest(items),
      ctx.reading,
    );
    // Pages still to read after this poll's last one: the next poll starts there.
    return more ? cursor : null;
  },
};

const COMMENTS: Stream = {
  name: "comments",
  readable: (c) => c.readComments,
  async poll(ctx) {
    const posts = await ctx.services.db
      .selectFrom("post_variants")
      .select("remote_id")
      .where("account_id", "=", ctx.accountId)
      .where("status", "=", "published")
      .where("remote_id", "is not", null)
      .where("published_at", ">=", new Date(ctx.now.getTime() - COMMENTS_WITHIN_MS).toISOString())
      .orderBy("published_at", "desc")
      .limit(COMMENT_POSTS)
      .execute();
    for (const { remote_id: postId } of posts) {
      if (!postId) continue;
      await readNewPages(
        null,
        (cursor) =>
          withChannel(ctx, (client) =>
            client.readComments ? client.readComments(postId, cursor, { limit: 100 }) : Promise.resolve({ items: [], nextCursor: null }),
          ),
        // A reply to a comment joins the post's conversation, as the comment it answers did.
        (items) => ctx.ingest(items, postId),
      );
    }
    return null;
  },
};

const STREAMS: readonly Stream[] = [MENTIONS, COMMENTS];

/**
 * Reads every connected channel whose network can be read and whose turn has come, for each stream
 * its network offers (mentions; comments under its recent posts), and ingests what it reads. A stream
 * that fails backs off on its own (the reason is kept for the channel's health) and never holds up
 * the others.
 */
export async function pollInboxSources(services: Services, now = new Date()): Promise<PollResult> {
  const { db } = services;
  const result: PollResult = { polled: 0, failed: 0, stored: 0, results: [] };
  const accounts = await db.selectFrom("accounts").select(["id", "network"]).where("connection_status", "=", "connected").execute();
  const wanted = accounts.flatMap((a) => {
    const capabilities = services.connectors.get(a.network)?.capabilities;
    return capabilities ? STREAMS.filter((s) => s.readable(capabilities)).map((stream) => ({ account: a, stream })) : [];
  });
  if (wanted.length === 0) return result;
  const at = now.toISOString();
  await db
    .insertInto("inbox_sources")
    .values(wanted.map((w) => ({ account_id: w.account.id, stream: w.stream.name, cursor: null, next_poll_at: at, failures: 0 })))
    .onConflict((oc) => oc.columns(["account_id", "stream"]).doNothing())
    .execute();
  const due = await db
    .selectFrom("inbox_sources")
    .select(["account_id", "stream", "failures", "cursor"])
    .where("account_id", "in", [...new Set(wanted.map((w) => w.account.id))])
    .where("next_poll_at", "<=", at)
    .execute();
  if (due.length === 0) return result;
  const rules = compileRules(await loadRoutingRules(db));
  for (const source of due) {
    const match = wanted.find((w) => w.account.id === source.account_id && w.stream.name === source.stream);
    if (!match) continue;
    result.polled++;
    let failedAt = source.cursor;
    const ctx: StreamContext = {
      services,
      accountId: source.account_id,
      network: match.account.network,
      now,
      async ingest(items, threadRoot) {
        const events = items.map((item) => toEvent(source.account_id, match.account.network, item, threadRoot));
        const ingested = await ingestBatch(db, events, { rules, capabilities: services.capabilities });
        result.stored += ingested.stored;
        await afterIngest(services, ingested);
        result.results.push(ingested);
        return ingested;
      },
      reading(cursor) {
        failedAt = cursor;
      },
    };
    const where = (q: ReturnType<typeof db.updateTable<"inbox_sources">>) =>
      q.where("account_id", "=", source.account_id).where("stream", "=", source.stream);
    try {
      const cursor = await match.stream.poll(ctx, source.cursor);
      await where(
        db.updateTable("inbox_sources").set({
          cursor,
          failures: 0,
          last_error: null,
          last_polled_at: at,
          last_success_at: new Date().toISOString(),
          next_poll_at: new Date(now.getTime() + POLL_INTERVAL_MS).toISOString(),
        }),
      ).execute();
    } catch (error) {
      result.failed++;
      const failures = source.failures + 1;
      const wait = Math.min(POLL_INTERVAL_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
      await where(
        db.updateTable("inbox_sources").set({
          // The page that failed is read again first next time: nothing older is skipped.
          cursor: failedAt,
          failures,
          last_error: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
          last_polled_at: at,
          next_poll_at: new Date(now.getTime() + wait).toISOString(),
        }),
      ).execute();
    }
  }
  return result;
}
