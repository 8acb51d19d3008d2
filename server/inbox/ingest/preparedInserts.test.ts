import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/helpers/databases.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { type Database, sqliteConnectionOf } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { stopClassifierThread, WORKER_MIN_TEXTS } from "../classify/classifyMany.js";
import { compileRules } from "../routing/rules.js";
import { ingestBatch } from "./ingest.js";
import type { InboundEvent, IngestResult } from "./types.js";

const RULES = compileRules([
  {
    id: "r1",
    name: "Refunds",
    enabled: true,
    conditions: [{ field: "text", values: ["refund"] }],
    actions: { tags: ["refund"] },
    stop: false,
  },
]);
const NOW = new Date(Date.UTC(2026, 10, 23, 12));
const TEXTS = [
  "@acme my bag is lost, third day now",
  "@acme thanks, the crew was lovely!",
  "@acme where is my refund? cancelled flight",
  "@acme do you fly to Denver?",
  "@acme hello??",
  "@acme   two  spaces\tand a tab",
];

/**
 * A scenario of batches (each large enough for the classifier thread): mentions and replies to them,
 * replies arriving a batch before what they answer, comments under posts, direct messages, authors
 * seen again, an item repeated inside a batch, and a whole batch delivered again.
 */
function scenario(accountId: string): InboundEvent[][] {
  const event = (i: number): InboundEvent => {
    const roll = i % 5;
    const base = {
      accountId,
      network: "bluesky",
      remoteId: `ev-${i}`,
      text: `${TEXTS[i % TEXTS.length]} #${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 23, 9) + i * 60_000),
      author: { externalId: `did:plc:a${i % 37}`, handle: `a${i % 37}.example`, displayName: i % 2 ? `A ${i % 37}` : null },
    };
    if (roll === 0) return { ...base, kind: "comment", threadRoot: `post-${i % 3}` };
    if (roll === 1) return { ...base, kind: "message" };
    // A reply to an item 100 later: it comes a batch before its parent (out of order).
    if (roll === 2 && i < 100) return { ...base, kind: "mention", inReplyTo: `ev-${i + 100}` };
    if (roll === 3 && i >= 100) return { ...base, kind: "mention", inReplyTo: `ev-${i - 95}` };
    return { ...base, kind: "mention" };
  };
  const batch = (from: number) => Array.from({ length: 100 }, (_, k) => event(from + k));
  const first = batch(0);
  return [first, [...batch(100), event(150)], batch(200), first, [...batch(300).slice(0, 50), ...batch(200).slice(0, 50)]];
}

const tags = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

/** Everything ingestion stored, by natural keys (ids differ between runs). */
async function snapshot(db: Database) {
  const messages = await db
    .selectFrom("inbox_messages")
    .innerJoin("inbox_conversations", "inbox_conversations.id", "inbox_messages.conversation_id")
    .innerJoin("inbox_identities", "inbox_identities.contact_id", "inbox_messages.contact_id")
    .select([
      "inbox_messages.external_id",
      "inbox_conversations.thread_key",
      "inbox_identities.external_id as author",
      "inbox_messages.direction",
      "inbox_messages.text",
      "inbox_messages.in_reply_to",
      "inbox_messages.sentiment",
      "inbox_messages.sentiment_confidence",
      "inbox_messages.intent",
      "inbox_messages.topic",
      "inbox_messages.sent_at",
      "inbox_messages.received_at",
    ])
    .orderBy("inbox_messages.external_id")
    .execute();
  const conversations = await db
    .selectFrom("inbox_conversations")
    .innerJoin("inbox_identities", "inbox_identities.contact_id", "inbox_conversations.contact_id")
    .select([
      "inbox_conversations.thread_key",
      "inbox_conversations.kind",
      "inbox_identities.external_id as author",
      "inbox_conversations.subject",
      "inbox_conversations.status",
      "inbox_conversations.priority",
      "inbox_conversations.tags",
      "inbox_conversations.sentiment",
      "inbox_conversations.intent",
      "inbox_conversations.topic",
      "inbox_conversations.message_count",
      "inbox_conversations.first_message_at",
      "inbox_conversations.last_message_at",
    ])
    .orderBy("inbox_conversations.thread_key")
    .execute();
  const contacts = await db
    .selectFrom("inbox_identities")
    .innerJoin("inbox_contacts", "inbox_contacts.id", "inbox_identities.contact_id")
    .select(["inbox_identities.network", "inbox_identities.external_id", "inbox_identities.handle", "inbox_contacts.display_name"])
    .orderBy("inbox_identities.external_id")
    .execute();
  const contactCount = (await db.selectFrom("inbox_contacts").select("id").execute()).length;
  return {
    messages: messages.map((m) => ({ ...m, sentiment_confidence: Number(m.sentiment_confidence) })),
    conversations: conversations.map((c) => ({ ...c, tags: tags(c.tags), message_count: Number(c.message_count) })),
    contacts,
    contactCount,
  };
}

const summary = (r: IngestResult) => ({
  stored: r.stored,
  duplicates: r.duplicates,
  conversationsStarted: r.conversationsStarted,
  messages: r.messages.map((m) => [m.accountId === "" ? "" : "acct", m.sentiment, m.sentAt, m.text]),
});

/** Runs the scenario; `db` decides the path (a plain Kysely instance over the same database takes Kysely's inserts). */
async function run(database: TestDatabase, db: Database) {
  await migrateToLatest(database);
  const accountId = await createAccount(database.db, systemActor(), { network: "bluesky", handle: "acme.example" });
  const results = [];
  for (const batch of scenario(accountId)) results.push(summary(await ingestBatch(db, batch, { rules: RULES, now: NOW })));
  return { results, stored: await snapshot(database.db) };
}

describe("the embedded database's prepared inserts", () => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.dispose();
    await stopClassifierThread();
  });
  const fresh = async (dialect: (typeof DIALECTS)[number]) => {
    const d = await createTestDatabase(dialect);
    open.push(d);
    return d;
  };

  it("store the same rows as Kysely's inserts, deduplicating redelivered and out-of-order items alike", async () => {
    expect(scenario("x")[0]?.length).toBeGreaterThanOrEqual(WORKER_MIN_TEXTS);
    const prepared = await fresh("sqlite");
    expect(sqliteConnectionOf(prepared.db)).toBeDefined();
    const viaPrepared = await run(prepared, prepared.db);
    const plain = await fresh("sqlite");
    // withoutPlugins() is another Kysely instance over the same connection: not the handle's, so ingestion
    // takes the path PostgreSQL takes (Kysely's multi-row INSERT … RETURNING).
    const kyselyDb = plain.db.withoutPlugins();
    expect(sqliteConnectionOf(kyselyDb)).toBeUndefined();
    const viaKysely = await run(plain, kyselyDb);
    expect(viaPrepared).toEqual(viaKysely);
    // The scenario did what it says: duplicates counted, replies threaded, the redelivered batch changed nothing.
    expect(viaPrepared.results.map((r) => [r.stored, r.duplicates])).toEqual([
      [100, 0],
      [100, 1],
      [100, 0],
      [0, 100],
      [50, 50],
    ]);
    expect(viaPrepared.stored.messages).toHaveLength(350);
    const early = viaPrepared.stored.messages.find((m) => m.external_id === "ev-2");
    const parent = viaPrepared.stored.messages.find((m) => m.external_id === "ev-102");
    expect(early?.thread_key).toBe("mention:ev-102");
    expect(parent?.thread_key).toBe("mention:ev-102");
    expect(viaPrepared.stored.contactCount).toBe(37);
  });

  it.each(DIALECTS.filter((d) => d !== "sqlite"))("store what %s stores", async (dialect) => {
    const prepared = await fresh("sqlite");
    const other = await fresh(dialect);
    const [a, b] = [await run(prepared, prepared.db), await run(other, other.db)];
    expect(a).toEqual(b);
  });
});
