import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/helpers/databases.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { buildApp } from "../../app.js";
import { systemActor } from "../../audit/context.js";
import { loadConfig } from "../../config.js";
import { migrateToLatest } from "../../db/migrate.js";
import { createLogger } from "../../logger.js";
import { afterIngest } from "../ingest/afterIngest.js";
import { ingestBatch } from "../ingest/ingest.js";
import type { InboundEvent } from "../ingest/types.js";
import { compileRules } from "../routing/rules.js";
import type { CrisisDeps } from "./alerts.js";
import { createCrisisDetector } from "./detector.js";
import { rebuildCrisisDetector } from "./rebuild.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANGRY = "@acme lost baggage, no hotel, no food voucher. disgusting";
const CALM = "@acme what is the baggage allowance for a flight to Lisbon?";
const START = Date.UTC(2026, 1, 16);

describe.each(DIALECTS)("the crisis detector after a restart on %s", (dialect) => {
  let database: TestDatabase;
  let accountId: string;
  let n = 0;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
    accountId = await createAccount(database.db, systemActor(), { network: "bluesky", handle: "acme.example" });
  });
  afterEach(async () => {
    await database.dispose();
  });

  /** `negative` then `other` mentions spread evenly from `fromMs` over `spanMs`, ingested with `deps`' detector. */
  const mentions = async (deps: CrisisDeps, fromMs: number, spanMs: number, negative: number, other: number) => {
    const count = negative + other;
    const events = Array.from(
      { length: count },
      (_, i): InboundEvent => ({
        accountId,
        network: "bluesky",
        kind: "mention",
        remoteId: `m${n++}`,
        // Every third message negative until the negatives run out, so both are spread over the span.
        text: i % Math.max(1, Math.round(count / Math.max(1, negative))) === 0 && negative-- > 0 ? ANGRY : CALM,
        createdAt: new Date(fromMs + Math.floor((i * spanMs) / count)),
        author: { externalId: `did:plc:p${n % 30}`, handle: null, displayName: null },
      }),
    );
    const result = await ingestBatch(database.db, events, { rules: compileRules([]) });
    await afterIngest(deps, result);
  };
  const fresh = (): CrisisDeps => ({ db: database.db, crisisDetector: createCrisisDetector() });
  const alertCount = async () => (await database.db.selectFrom("inbox_crisis_alerts").select("id").execute()).length;

  it("detects a surge that spans a restart, which a detector started cold would miss", async () => {
    const before = fresh();
    for (let d = 0; d < 4; d++) await mentions(before, START + d * DAY, DAY, 25, 25);
    // Day 5: the complaints start in the morning; the server restarts at 09:00, before the line is crossed.
    const restartAt = START + 4 * DAY + 9 * HOUR;
    await mentions(before, START + 4 * DAY + 6 * HOUR, 3 * HOUR, 30, 5);
    expect(await alertCount()).toBe(0);

    const cold = fresh();
    const after = fresh();
    const rebuilt = await rebuildCrisisDetector(after, { now: new Date(restartAt) });
    expect(rebuilt).toEqual({ messages: 4 * 50 + 35, recorded: 0, known: 0 });
    expect(after.crisisDetector.status(`channel:${accountId}`)?.windows[0]?.baseline).not.toBeNull();

    // The rest of the surge arrives after the restart: the rebuilt detector sees it whole.
    await mentions(after, restartAt, 3 * HOUR, 40, 5);
    expect(await alertCount()).toBe(1);
    const [alert] = await database.db.selectFrom("inbox_crisis_alerts").selectAll().execute();
    expect(alert?.series).toBe(`channel:${accountId}`);
    // Its messages include those from before the restart.
    const ids = JSON.parse(alert?.message_ids ?? "[]") as string[];
    const first = await database.db
      .selectFrom("inbox_messages")
      .select("sent_at")
      .where("id", "=", ids[0] as string)
      .executeTakeFirstOrThrow();
    expect(Date.parse(first.sent_at)).toBeLessThan(restartAt);

    // The same messages fed to a detector that was not rebuilt raise nothing: it has no history.
    const later = await database.db
      .selectFrom("inbox_messages")
      .select(["id", "sent_at"])
      .where("sent_at", ">=", new Date(restartAt).toISOString())
      .execute();
    const raised = later.flatMap((m) =>
      cold.crisisDetector.observe({ at: Date.parse(m.sent_at), series: [`channel:${accountId}`], negative: true, id: m.id }),
    );
    expect(raised).toEqual([]);
  });

  it("keeps a calm series quiet after a restart, and does not raise again an episode already recorded", async () => {
    const before = fresh();
    for (let d = 0; d < 4; d++) await mentions(before, START + d * DAY, DAY, 25, 25);
    await mentions(before, START + 4 * DAY, 10 * HOUR, 12, 12);
    const restartAt = START + 4 * DAY + 10 * HOUR;
    const after = fresh();
    expect(await rebuildCrisisDetector(after, { now: new Date(restartAt) })).toMatchObject({ recorded: 0, known: 0 });
    await mentions(after, restartAt, 14 * HOUR, 13, 13);
    await mentions(after, START + 5 * DAY, DAY, 25, 25);
    expect(await alertCount()).toBe(0);

    // A surge alerted before a restart is in the replay too: it is matched to the stored alert, not told twice.
    await mentions(after, START + 6 * DAY, 8 * HOUR, 100, 10);
    expect(await alertCount()).toBe(1);
    const again = fresh();
    expect(await rebuildCrisisDetector(again, { now: new Date(START + 6 * DAY + 9 * HOUR) })).toMatchObject({ recorded: 0, known: 1 });
    expect(await alertCount()).toBe(1);
    expect(again.crisisDetector.status(`channel:${accountId}`)?.inEpisode).toBe(true);
  });

  it("is rebuilt when the server starts, from the messages of the last days", async () => {
    await mentions(fresh(), Date.now() - 2 * DAY, DAY, 10, 10);
    const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent" });
    const app = await buildApp(config, { database, logger: createLogger("silent") });
    try {
      expect(app.services.crisisDetector.status(`channel:${accountId}`)).toMatchObject({ series: `channel:${accountId}` });
    } finally {
      await app.close();
    }
  });
});
