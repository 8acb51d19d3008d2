// npm run bench:ingest — the inbox's ingestion path at scale, embedded (SQLite under a temp DATA_DIR):
// 1,000,000 inbound events made from the real airline mentions (../shared/data/airline-mentions.csv:
// their texts, cycled with new ids; 100,000 authors; mentions with replies, comments under posts and
// direct messages across 10 channels) go through the real path (classify, contacts, threading,
// routing with a few rules, store, deduplicated by the database) in batches of BENCH_BATCH, against raw
// INSERTs of the same message rows into a table of the same shape in the same database, in the same run.
// Then, with those messages stored, the inbox list query's p99 over a mix of filters.
// Env: BENCH_EVENTS (1000000), BENCH_BATCH (1000), BENCH_DATA.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { createAccount } from "../server/accounts/saveAccount.js";
import { systemActor } from "../server/audit/context.js";
import { openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrate.js";
import { timeOrderedId } from "../server/db/timeOrderedId.js";
import { listConversations } from "../server/inbox/conversations/list.js";
import { ingestBatch } from "../server/inbox/ingest/ingest.js";
import type { InboundEvent } from "../server/inbox/ingest/types.js";
import { compileRules } from "../server/inbox/routing/rules.js";
import { report, round } from "./lib.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = process.env.BENCH_DATA ?? path.join(ROOT, "../shared/data/airline-mentions.csv");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const CHANNELS = 10;
const AUTHORS = 100_000;

const texts = (parse(readFileSync(DATA, "utf8"), { columns: true }) as { text: string }[]).map((r) => r.text);

/** A deterministic stream: event i of the run. */
function eventAt(i: number, channels: string[], start: number): InboundEvent {
  const author = (i * 7919) % AUTHORS;
  const roll = i % 10;
  const accountId = channels[i % CHANNELS] as string;
  const base = {
    accountId,
    network: "bluesky",
    remoteId: `ev-${i}`,
    text: texts[i % texts.length] as string,
    createdAt: new Date(start + i * 50),
    author: { externalId: `did:plc:author${author}`, handle: `author${author}.example`, displayName: null },
  };
  if (roll < 2) return { ...base, kind: "comment", threadRoot: `post-${Math.floor(i / 500)}` };
  if (roll < 3) return { ...base, kind: "message" };
  // Some mentions answer an earlier one on the same channel.
  if (roll < 5 && i >= 1000) return { ...base, kind: "mention", inReplyTo: `ev-${i - 990}` };
  return { ...base, kind: "mention" };
}

const RULES = compileRules([
  {
    id: "r1",
    name: "Refunds",
    enabled: true,
    conditions: [{ field: "text", values: ["refund", "money back"] }],
    actions: { tags: ["refund"] },
    stop: false,
  },
  {
    id: "r2",
    name: "Angry",
    enabled: true,
    conditions: [
      { field: "sentiment", values: ["negative"] },
      { field: "intent", values: ["complaint"] },
    ],
    actions: { priority: "high" },
    stop: false,
  },
  {
    id: "r3",
    name: "Night",
    enabled: true,
    conditions: [{ field: "hours", from: 22, to: 6, timeZone: "Europe/Berlin" }],
    actions: { tags: ["night"] },
    stop: false,
  },
]);

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-ingest-"));
  const handle = openDatabase({ dataDir });
  try {
    await migrateToLatest(handle);
    const { db } = handle;
    const channels: string[] = [];
    for (let c = 0; c < CHANNELS; c++)
      channels.push(await createAccount(db, systemActor("bench"), { network: "bluesky", handle: `brand${c}.example` }));
    // The raw baseline's table: inbox_messages' columns and unique key, nothing else.
    // The raw baseline's table: inbox_messages' columns, primary key and unique key (no foreign keys,
    // no secondary index).
    await db.schema
      .createTable("bench_raw_messages")
      .as(db.selectFrom("inbox_messages").selectAll().where("id", "=", "none"))
      .execute();
    await db.schema.createIndex("bench_raw_id").on("bench_raw_messages").column("id").unique().execute();
    await db.schema.createIndex("bench_raw_unique").on("bench_raw_messages").columns(["account_id", "external_id"]).unique().execute();
    const start = Date.UTC(2026, 1, 16);

    // Interleaved: a slice of the pipeline, then the same slice raw, so both see the same machine.
    let pipelineMs = 0;
    let rawMs = 0;
    let stored = 0;
    for (let from = 0; from < EVENTS; from += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, EVENTS - from) }, (_, k) => eventAt(from + k, channels, start));
      const t0 = performance.now();
      stored += (await ingestBatch(db, events, { rules: RULES })).stored;
      pipelineMs += performance.now() - t0;
      const now = new Date().toISOString();
      const rows = events.map((e) => ({
        id: timeOrderedId(),
        conversation_id: "bench",
        account_id: e.accountId,
        external_id: e.remoteId,
        direction: "in",
        contact_id: null,
        author_user_id: null,
        text: e.text,
        url: null,
        in_reply_to: e.inReplyTo ?? null,
        sentiment: "negative",
        sentiment_confidence: 0.9,
        intent: "complaint",
        topic: null,
        sent_at: e.createdAt.toISOString(),
        received_at: now,
      }));
      const t1 = performance.now();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 500)
          await trx
            .insertInto("bench_raw_messages" as "inbox_messages")
            .values(rows.slice(i, i + 500))
            .execute();
      });
      rawMs += performance.now() - t1;
    }
    const perSecond = EVENTS / (pipelineMs / 1000);
    const rawPerSecond = EVENTS / (rawMs / 1000);
    const note = `${EVENTS} events in batches of ${BATCH}, embedded SQLite; baseline: raw INSERTs of the same rows`;
    report({
      bench: "ingest",
      metric: "events_per_s",
      value: round(perSecond, 0),
      unit: "1/s",
      baseline: round(rawPerSecond, 0),
      ratio: round(perSecond / rawPerSecond, 3),
      note,
    });
    if (stored !== EVENTS) report({ bench: "ingest", metric: "not_stored", value: EVENTS - stored, unit: "events", note });

    // The list query with everything stored: a mix of the views people use.
    const teams = await db.selectFrom("inbox_conversations").select("id").limit(1).execute();
    const views = [
      {},
      { accountId: channels[3] },
      { sentiment: "negative" },
      { intent: "question" },
      { unassigned: true },
      { priority: "high" },
      { accountId: channels[7], sentiment: "negative" },
      { status: "resolved" as const },
    ];
    const times: number[] = [];
    const perView = views.map(() => [] as number[]);
    for (let round_ = 0; round_ < 50; round_++)
      for (const [v, view] of views.entries()) {
        const t = performance.now();
        const page = await listConversations(db, view);
        // The next page too, as scrolling asks for it.
        const last = page.at(-1);
        if (last) await listConversations(db, { ...view, before: last.last_message_at });
        times.push(performance.now() - t);
        perView[v]?.push(performance.now() - t);
      }
    if (process.env.BENCH_VERBOSE)
      for (const [v, view] of views.entries())
        console.error(
          JSON.stringify(view),
          (perView[v] ?? [])
            .sort((a, b) => a - b)
            .at(-1)
            ?.toFixed(2),
        );
    times.sort((a, b) => a - b);
    const p99 = times[Math.ceil(times.length * 0.99) - 1] ?? 0;
    report({
      bench: "ingest",
      metric: "list_p99_ms",
      value: round(p99, 2),
      unit: "ms",
      note: `${times.length} page loads (first and next page) over ${views.length} views, ${EVENTS} messages stored; ${teams.length} ok`,
    });
  } finally {
    await handle.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
