import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/helpers/databases.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { migrateToLatest } from "../../db/migrate.js";
import { compileRules, type RoutingRule } from "../routing/rules.js";
import { ingestBatch } from "./ingest.js";
import type { InboundEvent } from "./types.js";

const NO_RULES = compileRules([]);
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute));

describe.each(DIALECTS)("ingesting inbound messages on %s", (dialect) => {
  let database: TestDatabase;
  let accountId: string;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
    accountId = await createAccount(database.db, systemActor(), { network: "bluesky", handle: "acme.example" });
  });
  afterEach(async () => {
    await database.dispose();
  });

  const mention = (remoteId: string, text: string, minute: number, more: Partial<InboundEvent> = {}): InboundEvent => ({
    accountId,
    network: "bluesky",
    kind: "mention",
    remoteId,
    text,
    createdAt: at(minute),
    author: { externalId: "did:plc:jo", handle: "jo.example", displayName: "Jo" },
    ...more,
  });
  const conversations = () => database.db.selectFrom("inbox_conversations").selectAll().orderBy("first_message_at").execute();

  it("stores each item once however often it is delivered, and counts only what was stored", async () => {
    const batch = [mention("m1", "@acme my bag is lost, third day now", 1), mention("m2", "@acme thanks, found it!", 5)];
    const first = await ingestBatch(database.db, batch, { rules: NO_RULES });
    expect(first).toMatchObject({ stored: 2, duplicates: 0, conversationsStarted: 2 });
    const again = await ingestBatch(database.db, [...batch, batch[0] as InboundEvent], { rules: NO_RULES });
    expect(again).toMatchObject({ stored: 0, duplicates: 3, conversationsStarted: 0 });
    const rows = await conversations();
    expect(rows.map((c) => c.message_count)).toEqual([1, 1]);
    expect(await database.db.selectFrom("inbox_messages").select("id").execute()).toHaveLength(2);
  });

  it("classifies every message and keeps the latest classification on its conversation", async () => {
    await ingestBatch(database.db, [mention("m1", "@acme flight cancelled again and nobody answers the phone. worst airline", 1)], {
      rules: NO_RULES,
    });
    const [message] = await database.db.selectFrom("inbox_messages").selectAll().execute();
    expect(message).toMatchObject({ sentiment: "negative", intent: "complaint", direction: "in" });
    const [conversation] = await conversations();
    expect(conversation).toMatchObject({ sentiment: "negative", intent: "complaint", priority: "high", status: "open" });
  });

  it("threads replies into their conversation, also when the reply arrives before what it answers", async () => {
    // The reply comes first (out of order), then the mention it answers, then a reply to the reply.
    await ingestBatch(database.db, [mention("m2", "@acme still waiting", 3, { inReplyTo: "m1" })], { rules: NO_RULES });
    await ingestBatch(database.db, [mention("m1", "@acme where is my refund?", 1)], { rules: NO_RULES });
    await ingestBatch(database.db, [mention("m3", "@acme hello??", 9, { inReplyTo: "m2" })], { rules: NO_RULES });
    const rows = await conversations();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ message_count: 3, last_message_at: at(9).toISOString(), subject: "@acme still waiting" });
  });

  it("puts comments under their post and direct messages by person, each author one contact", async () => {
    const comment = (remoteId: string, who: string, minute: number): InboundEvent => ({
      ...mention(remoteId, `comment ${remoteId}`, minute),
      kind: "comment",
      threadRoot: "post-1",
      author: { externalId: who, handle: who, displayName: null },
    });
    const dm = (remoteId: string, minute: number): InboundEvent => ({ ...mention(remoteId, `dm ${remoteId}`, minute), kind: "message" });
    await ingestBatch(database.db, [comment("c1", "ann", 1), comment("c2", "ben", 2), dm("d1", 3)], { rules: NO_RULES });
    await ingestBatch(database.db, [dm("d2", 4), comment("c3", "ann", 5)], { rules: NO_RULES });
    const rows = await conversations();
    expect(rows.map((c) => [c.kind, c.thread_key, c.message_count])).toEqual([
      ["comment", "post:post-1", 3],
      ["message", "dm:did:plc:jo", 2],
    ]);
    const identities = await database.db.selectFrom("inbox_identities").select(["external_id", "contact_id"]).execute();
    expect(identities.map((i) => i.external_id).sort()).toEqual(["ann", "ben", "did:plc:jo"]);
    const contactsOfAnn = await database.db
      .selectFrom("inbox_messages")
      .select("contact_id")
      .where("external_id", "in", ["c1", "c3"])
      .execute();
    expect(new Set(contactsOfAnn.map((m) => m.contact_id)).size).toBe(1);
  });

  it("routes a new conversation by its rules: team, priority and tags", async () => {
    const team = await database.db
      .insertInto("teams")
      .values({ id: "team-care", name: "Customer care", description: "", created_at: at(0).toISOString(), updated_at: at(0).toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rules: RoutingRule[] = [
      {
        id: "r1",
        name: "Refunds to care",
        enabled: true,
        conditions: [{ field: "text", values: ["refund"] }],
        actions: { teamId: team.id, tags: ["refund"] },
        stop: false,
      },
      {
        id: "r2",
        name: "Urgent",
        enabled: true,
        conditions: [{ field: "sentiment", values: ["negative"] }],
        actions: { priority: "urgent", tags: ["angry"] },
        stop: true,
      },
      { id: "r3", name: "Never reached", enabled: true, conditions: [], actions: { priority: "low" }, stop: false },
    ];
    await ingestBatch(database.db, [mention("m1", "@acme I want my REFUND now, this is a disgrace", 1)], { rules: compileRules(rules) });
    const [conversation] = await conversations();
    expect(conversation).toMatchObject({ team_id: team.id, priority: "urgent", tags: JSON.stringify(["refund", "angry"]) });
  });

  it("reopens a resolved conversation when its customer writes again", async () => {
    await ingestBatch(database.db, [mention("m1", "@acme hello", 1)], { rules: NO_RULES });
    await database.db.updateTable("inbox_conversations").set({ status: "resolved" }).execute();
    await ingestBatch(database.db, [mention("m2", "@acme one more thing", 2, { inReplyTo: "m1" })], { rules: NO_RULES });
    expect((await conversations())[0]).toMatchObject({ status: "open", message_count: 2 });
  });

  it("reopens an answered (pending) conversation when the customer writes back", async () => {
    await ingestBatch(database.db, [mention("m1", "@acme hello", 1)], { rules: NO_RULES });
    await database.db.updateTable("inbox_conversations").set({ status: "pending" }).execute();
    await ingestBatch(database.db, [mention("m2", "@acme thanks, but it is still broken", 2, { inReplyTo: "m1" })], { rules: NO_RULES });
    expect((await conversations())[0]).toMatchObject({ status: "open", message_count: 2 });
  });

  it("starts a conversation without the team a rule names when that team is gone, instead of failing the batch", async () => {
    const rules = compileRules([
      {
        id: "r1",
        name: "To a removed team",
        enabled: true,
        conditions: [],
        actions: { teamId: "team-gone", assigneeId: "user-gone" },
        stop: false,
      },
    ]);
    const result = await ingestBatch(database.db, [mention("m1", "@acme hello", 1)], { rules });
    expect(result.stored).toBe(1);
    expect((await conversations())[0]).toMatchObject({ team_id: null, assignee_id: null });
  });

  it("stores an enormous message whole", async () => {
    const text = `@acme ${"very long complaint ".repeat(20_000)}`;
    await ingestBatch(database.db, [mention("big", text, 1)], { rules: NO_RULES });
    const [message] = await database.db.selectFrom("inbox_messages").select("text").execute();
    expect(message?.text).toHaveLength(text.length);
  });

  it("lets two ingesters deliver the same new items at once without a duplicate or an error", async () => {
    const batch = Array.from({ length: 40 }, (_, i) =>
      mention(`m${i}`, `@acme message ${i}`, i % 50, { author: { externalId: `user-${i % 7}`, handle: null, displayName: null } }),
    );
    const [a, b] = await Promise.all([
      ingestBatch(database.db, batch, { rules: NO_RULES }),
      ingestBatch(database.db, batch, { rules: NO_RULES }),
    ]);
    expect((a?.stored ?? 0) + (b?.stored ?? 0)).toBe(40);
    expect(await database.db.selectFrom("inbox_messages").select("id").execute()).toHaveLength(40);
    expect(await database.db.selectFrom("inbox_identities").select("id").execute()).toHaveLength(7);
    expect(await database.db.selectFrom("inbox_contacts").select("id").execute()).toHaveLength(7);
    expect((await conversations()).reduce((n, c) => n + c.message_count, 0)).toBe(40);
  });

  it("lets two ingesters meet the same new authors in opposite orders without a deadlock", async () => {
    const author = (i: number) => ({ author: { externalId: `user-${i}`, handle: null, displayName: null } });
    const forwards = Array.from({ length: 200 }, (_, i) =>
      mention(`f${i}`, `@acme hello ${i}`, 0, { createdAt: new Date(at(0).getTime() + i), ...author(i) }),
    );
    const backwards = Array.from({ length: 200 }, (_, i) =>
      mention(`b${i}`, `@acme hi ${i}`, 0, { createdAt: new Date(at(0).getTime() + i), ...author(199 - i) }),
    );
    for (let round = 0; round < 30; round++) {
      const tag = (e: InboundEvent) => ({
        ...e,
        remoteId: `${e.remoteId}-${round}`,
        author: { ...e.author, externalId: `${e.author.externalId}-${round}` },
      });
      const [a, b] = await Promise.all([
        ingestBatch(database.db, forwards.map(tag), { rules: NO_RULES }),
        ingestBatch(database.db, backwards.map(tag), { rules: NO_RULES }),
      ]);
      expect((a?.stored ?? 0) + (b?.stored ?? 0)).toBe(400);
    }
    expect(await database.db.selectFrom("inbox_identities").select("id").execute()).toHaveLength(6000);
  });
});
