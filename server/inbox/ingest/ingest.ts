import type BetterSqlite3 from "better-sqlite3";
import type { DialectCapabilities } from "../../db/capabilities.js";
import { type Database, sqliteConnectionOf } from "../../db/database.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { classifyMany } from "../classify/classifyMany.js";
import type { Classification } from "../classify/index.js";
import { type CompiledRules, route } from "../routing/rules.js";
import { compareKeys, inChunks } from "./chunks.js";
import { authorKey, resolveContacts } from "./contacts.js";
import { insertRows, prepared } from "./sqliteInsert.js";
import { subjectOf, threadKeyOf } from "./threading.js";
import { updateConversations, updateConversationsOnSqlite } from "./touchedConversations.js";
import type { InboundEvent, IngestResult } from "./types.js";

/** Stored whole, whatever its size (the UI shows it truncated); a cap only against abuse. */
export const MAX_TEXT = 1_000_000;

const channelKey = (accountId: string, key: string) => `${accountId}\u0000${key}`;

interface Placed {
  event: InboundEvent;
  classification: Classification;
  threadKey: string;
  contactId: string | null;
}

/** Stored items a batch replies to, as (channel, remote id) → their conversation's thread key. */
async function storedThreads(
  trx: Database,
  events: readonly InboundEvent[],
  sqlite: BetterSqlite3.Database | undefined,
): Promise<Map<string, string>> {
  const parents = events.filter((e) => (e.kind === "mention" || e.kind === "email") && e.inReplyTo);
  const found = new Map<string, string>();
  if (parents.length === 0) return found;
  if (sqlite) {
    // One prepared lookup per parent by the messages' unique key (channel, network id).
    const find = prepared(
      sqlite,
      "select c.thread_key from inbox_messages m join inbox_conversations c on c.id = m.conversation_id where m.account_id = ? and m.external_id = ?",
    );
    for (const e of parents) {
      const key = channelKey(e.accountId, e.inReplyTo as string);
      if (found.has(key)) continue;
      const row = find.get(e.accountId, e.inReplyTo) as { thread_key: string } | undefined;
      if (row) found.set(key, row.thread_key);
    }
    return found;
  }
  const accounts = [...new Set(parents.map((e) => e.accountId))];
  await inChunks([...new Set(parents.map((e) => e.inReplyTo as string))], async (chunk) => {
    const rows = await trx
      .selectFrom("inbox_messages")
      .innerJoin("inbox_conversations", "inbox_conversations.id", "inbox_messages.conversation_id")
      .select(["inbox_messages.account_id", "inbox_messages.external_id", "inbox_conversations.thread_key"])
      .where("inbox_messages.account_id", "in", accounts)
      .where("inbox_messages.external_id", "in", chunk)
      .execute();
    for (const r of rows) found.set(channelKey(r.account_id, r.external_id), r.thread_key);
  });
  return found;
}

/**
 * A rule may name a team or person removed since it was saved: the conversation then starts without
 * them (and is found in the unassigned views) instead of failing the whole batch on the foreign key.
 */
async function dropVanishedTargets(trx: Database, rows: { team_id: string | null; assignee_id: string | null }[]) {
  const teamIds = [...new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])))];
  const userIds = [...new Set(rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])))];
  const teams = teamIds.length
    ? new Set((await trx.selectFrom("teams").select("id").where("id", "in", teamIds).execute()).map((t) => t.id))
    : new Set();
  const users = userIds.length
    ? new Set(
        (await trx.selectFrom("users").select("id").where("id", "in", userIds).where("disabled_at", "is", null).execute()).map((u) => u.id),
      )
    : new Set();
  for (const r of rows) {
    if (r.team_id && !teams.has(r.team_id)) r.team_id = null;
    if (r.assignee_id && !users.has(r.assignee_id)) r.assignee_id = null;
  }
}

/**
 * The conversation of every (channel, thread key) in the batch: found, or started (and routed by the
 * rules on its first message). Returns the conversation ids and which were started here.
 */
async function resolveConversations(
  trx: Database,
  placed: readonly Placed[],
  rules: CompiledRules,
  now: string,
  sqlite: BetterSqlite3.Database | undefined,
) {
  // Each thread's first and latest item in the batch, and how many distinct items it brings.
  const threads = new Map<string, Placed>();
  const batch = new Map<string, { last: Placed; remoteIds: Set<string> }>();
  for (const p of placed) {
    const key = channelKey(p.event.accountId, p.threadKey);
    if (!threads.has(key)) threads.set(key, p);
    const seen = batch.get(key);
    if (seen) {
      seen.last = p;
      seen.remoteIds.add(p.event.remoteId);
    } else batch.set(key, { last: p, remoteIds: new Set([p.event.remoteId]) });
  }
  const ids = new Map<string, string>();
  const lookUp = async (keys: string[]) => {
    if (sqlite) {
      // One prepared lookup per thread by the conversations' unique key (channel, thread key).
      const find = prepared(sqlite, "select id from inbox_conversations where account_id = ? and thread_key = ?");
      for (const key of keys) {
        const first = threads.get(key);
        const row = first && (find.get(first.event.accountId, first.threadKey) as { id: string } | undefined);
        if (row) ids.set(key, row.id);
      }
      return;
    }
    const accounts = [...new Set(keys.map((k) => threads.get(k)?.event.accountId ?? ""))];
    await inChunks(keys, async (chunk) => {
      const rows = await trx
        .selectFrom("inbox_conversations")
        .select(["id", "account_id", "thread_key"])
        .where("account_id", "in", accounts)
        .where(
          "thread_key",
          "in",
          chunk.map((k) => threads.get(k)?.threadKey ?? ""),
        )
        .execute();
      for (const r of rows) ids.set(channelKey(r.account_id, r.thread_key), r.id);
    });
  };
  await lookUp([...threads.keys()]);
  // Started conversation id → the number of messages it was started with.
  const started = new Map<string, number>();
  // In unique-key order (account, thread key): see ingestBatch.
  const fresh = [...threads.entries()]
    .filter(([key]) => !ids.has(key))
    .sort(([, a], [, b]) => compareKeys(a.event.accountId, a.threadKey, b.event.accountId, b.threadKey));
  await inChunks(fresh, async (chunk) => {
    const rows = chunk.map(([key, first]) => {
      const { event, classification } = first;
      const { last, remoteIds } = batch.get(key) as { last: Placed; remoteIds: Set<string> };
      const routed = route(rules, {
        accountId: event.accountId,
        network: event.network,
        kind: event.kind,
        text: event.text,
        sentiment: classification.sentiment,
        intent: classification.intent,
        topic: classification.topic,
        author: event.author,
        at: event.createdAt,
      });
      const at = event.createdAt.toISOString();
      return {
        id: timeOrderedId(),
        account_id: event.accountId,
        network: event.network,
        kind: event.kind,
        thread_key: first.threadKey,
        contact_id: first.contactId,
        subject: subjectOf(event),
        status: "open",
        priority: routed.priority,
        team_id: routed.teamId,
        assignee_id: routed.assigneeId,
        tags: JSON.stringify(routed.tags),
        suggested_reply_id: routed.suggestedReplyId,
        // As if every item of the batch is stored; checked against what was (see ingestBatch).
        sentiment: last.classification.sentiment,
        intent: last.classification.intent,
        topic: last.classification.topic,
        message_count: remoteIds.size,
        first_message_at: at,
        last_message_at: last.event.createdAt.toISOString(),
        snoozed_until: null,
        created_at: now,
        updated_at: now,
      };
    });
    await dropVanishedTargets(trx, rows);
    let made: { id: string; account_id: string; thread_key: string; message_count: number }[];
    if (sqlite) {
      const stored = insertRows(sqlite, "inbox_conversations", rows, ["account_id", "thread_key"]);
      made = rows.filter((_, i) => stored[i]);
    } else
      made = await trx
        .insertInto("inbox_conversations")
        .values(rows)
        .onConflict((oc) => oc.columns(["account_id", "thread_key"]).doNothing())
        .returning(["id", "account_id", "thread_key", "message_count"])
        .execute();
    for (const r of made) {
      ids.set(channelKey(r.account_id, r.thread_key), r.id);
      started.set(r.id, Number(r.message_count));
    }
    // Started meanwhile by another ingester: use theirs.
    const missing = chunk.map(([key]) => key).filter((key) => !ids.has(key));
    if (missing.length > 0) await lookUp(missing);
  });
  return { ids, started };
}

export interface IngestOptions {
  rules: CompiledRules;
  /** The database's capabilities: with concurrent writers (PostgreSQL) touched conversations are locked before their counts are redone. */
  capabilities?: Pick<DialectCapabilities, "supportsConcurrentWriters">;
  /** When the batch arrived (default now). */
  now?: Date;
}

/**
 * The ingestion path: classify each item, find or create its author's contact, place it in its
 * conversation (started and routed when new), and store it. Duplicates are left to the database: a
 * message is one row per (channel, network id), so an item delivered again changes nothing.
 * One transaction per batch.
 */
export async function ingestBatch(db: Database, events: readonly InboundEvent[], options: IngestOptions): Promise<IngestResult> {
  const result: IngestResult = { stored: 0, duplicates: 0, conversationsStarted: 0, messages: [] };
  if (events.length === 0) return result;
  const now = (options.now ?? new Date()).toISOString();
  const sorted = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  // Classified on the classifier thread (large batches) while this one looks up contacts and threads.
  const classifying = classifyMany(sorted.map((e) => e.classifyText ?? e.text));
  // The embedded database's inserts run as prepared statements on its connection (see sqliteInsert.ts).
  const sqlite = sqliteConnectionOf(db);
  return db.transaction().execute(async (trx) => {
    const contacts = await resolveContacts(trx, sorted, now, sqlite);
    const threads = await storedThreads(trx, sorted, sqlite);
    const placing = sorted.map((event) => {
      const threadKey = threadKeyOf(event, (remoteId) => threads.get(channelKey(event.accountId, remoteId)));
      threads.set(channelKey(event.accountId, event.remoteId), threadKey);
      return { event, threadKey, contactId: contacts.get(authorKey(event.network, event.author.externalId)) ?? null };
    });
    // Routing and storing need the labels: by now they are usually ready.
    const classifications = await classifying;
    const placed: Placed[] = placing.map((p, i) => ({ ...p, classification: classifications[i] as Classification }));
    const { ids, started } = await resolveConversations(trx, placed, options.rules, now, sqlite);
    // Inserted in the order of their unique key, as every ingester does: two ingesters meeting the same
    // keys then wait for each other in one order instead of deadlocking (PostgreSQL).
    const byUniqueKey = [...placed].sort((a, b) => compareKeys(a.event.accountId, a.event.remoteId, b.event.accountId, b.event.remoteId));
    await inChunks(byUniqueKey, async (chunk) => {
      const rows = chunk.map((p) => {
        const { event, classification: c } = p;
        return {
          id: timeOrderedId(),
          conversation_id: ids.get(channelKey(event.accountId, p.threadKey)) as string,
          account_id: event.accountId,
          external_id: event.remoteId,
          direction: "in",
          contact_id: p.contactId,
          author_user_id: null,
          text: event.text.slice(0, MAX_TEXT),
          url: event.url ?? null,
          in_reply_to: event.inReplyTo ?? null,
          sentiment: c.sentiment,
          sentiment_confidence: Math.round(c.sentimentConfidence * 1000) / 1000,
          intent: c.intent,
          topic: c.topic,
          sent_at: event.createdAt.toISOString(),
          received_at: now,
        };
      });
      let inserted: { id: string; conversation_id: string; account_id: string; sentiment: string | null; sent_at: string; text: string }[];
      if (sqlite) {
        const stored = insertRows(sqlite, "inbox_messages", rows, ["account_id", "external_id"]);
        inserted = rows.filter((_, i) => stored[i]);
      } else
        inserted = await trx
          .insertInto("inbox_messages")
          .values(rows)
          .onConflict((oc) => oc.columns(["account_id", "external_id"]).doNothing())
          .returning(["id", "conversation_id", "account_id", "sentiment", "sent_at", "text"])
          .execute();
      for (const r of inserted)
        result.messages.push({
          id: r.id,
          conversationId: r.conversation_id,
          accountId: r.account_id,
          sentiment: r.sentiment ?? "neutral",
          sentAt: r.sent_at,
          text: r.text,
        });
    });
    const storedPer = new Map<string, number>();
    for (const m of result.messages) storedPer.set(m.conversationId, (storedPer.get(m.conversationId) ?? 0) + 1);
    // A conversation started here already holds what it should, unless some of its items turned out to
    // be stored before (its thread key changed since): those, and every older conversation, are updated.
    const stale = [...storedPer.keys()].filter((id) => started.get(id) !== storedPer.get(id));
    if (sqlite)
      updateConversationsOnSqlite(sqlite, new Map(stale.map((id) => [id, (storedPer.get(id) ?? 0) - (started.get(id) ?? 0)])), now);
    else await updateConversations(trx, stale, now, options.capabilities?.supportsConcurrentWriters ?? false);
    // A conversation started for items that were all stored already holds nothing: remove it.
    const empty = [...started.keys()].filter((id) => !storedPer.has(id));
    if (empty.length > 0) await trx.deleteFrom("inbox_conversations").where("id", "in", empty).execute();
    // What follows ingestion (crisis series, listening) reads the stored messages in time order.
    result.messages.sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
    result.stored = result.messages.length;
    result.duplicates = sorted.length - result.stored;
    result.conversationsStarted = started.size - empty.length;
    return result;
  });
}
