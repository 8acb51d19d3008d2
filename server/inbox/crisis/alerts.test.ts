import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/helpers/databases.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { migrateToLatest } from "../../db/migrate.js";
import { createUser } from "../../identity/createUser.js";
import type { StoredMessage } from "../ingest/types.js";
import { observeStored } from "./alerts.js";
import { createCrisisDetector } from "./detector.js";

const DAY = 86_400_000;

describe.each(DIALECTS)("crisis alerts from stored messages on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("records a spike on a channel with the messages behind it and tells the social leads", async () => {
    const { db } = database;
    const lead = await createUser(db, systemActor(), {
      email: "lea@example.com",
      name: "Lea",
      roles: ["lead"],
      password: "a lead who gets told",
    });
    const accountId = await createAccount(db, systemActor(), { network: "bluesky", handle: "acme.example" });
    const detector = createCrisisDetector();
    const start = Date.UTC(2026, 1, 16);
    let n = 0;
    const day = (d: number, negative: number, other: number): StoredMessage[] =>
      Array.from({ length: negative + other }, (_, i) => ({
        id: `m${n++}`,
        conversationId: "c",
        accountId,
        sentiment: i < negative ? "negative" : "neutral",
        text: "",
        sentAt: new Date(start + d * DAY + Math.floor((i * DAY) / (negative + other))).toISOString(),
      }));
    // Four ordinary days, then a day with four times the complaints.
    for (let d = 0; d < 4; d++) expect(await observeStored(db, detector, day(d, 25, 25))).toEqual([]);
    const alerts = await observeStored(db, detector, day(4, 120, 25));
    expect(alerts).toHaveLength(1);
    const [stored] = await db.selectFrom("inbox_crisis_alerts").selectAll().execute();
    expect(stored).toMatchObject({ series: `channel:${accountId}` });
    expect((JSON.parse(stored?.message_ids ?? "[]") as string[]).length).toBeGreaterThan(30);
    const told = await db.selectFrom("notifications").select(["user_id", "title"]).execute();
    expect(told).toMatchObject([{ user_id: lead.id, title: "Negative spike on acme.example (bluesky)" }]);
  });
});
