import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers/testApp.js";
import { sqliteConnectionOf } from "../db/database.js";
import { SQLITE_DRIVER } from "../db/sqliteDriver.js";
import { ClickRecorder, clickInsertSql } from "./clickRecorder.js";
import { cachedLinkOf } from "./linkCache.js";
import { SqliteClickWriter } from "./sqliteClickWriter.js";
import { linksDb } from "./tables.js";

const SQLite = createRequire(import.meta.url)(SQLITE_DRIVER) as typeof BetterSqlite3;

// The writer thread exists for the embedded database only.
describe("the click writer thread (SQLite)", () => {
  let t: TestApp;
  let blocker: BetterSqlite3.Database | undefined;
  beforeEach(async () => {
    t = await createTestApp("sqlite", { BASE_URL: "https://sb.example" });
  });
  afterEach(async () => {
    blocker?.close();
    await t.dispose();
  });

  it("keeps the clicks of a batch the database refused and stores them with the next flush, dropping only beyond the limit", async () => {
    const admin = await t.setupAdmin();
    const link = (await admin.post("/api/links", { destination: "https://shop.example/" })).json();
    const ldb = linksDb(t.services.db);
    const cached = cachedLinkOf(await ldb.selectFrom("links").selectAll().where("id", "=", link.id).executeTakeFirstOrThrow());
    const file = sqliteConnectionOf(t.services.db)?.name as string;
    const warnings: string[] = [];
    const log = { warn: (_: object, message: string) => void warnings.push(message) };
    const writer = new SqliteClickWriter(file, clickInsertSql(ldb, 1), 50);
    const recorder = new ClickRecorder(ldb, log, { batchSize: 1000, flushMs: 60_000, maxBuffered: 3 }, writer);
    const hour = Date.now() - (Date.now() % 3_600_000);
    const id = (n: number) => `${"0".repeat(35)}${n}`;
    const visitor = (n: number) => `${"v".repeat(31)}${n}`;

    // Another connection holds the write lock past the writer's busy timeout: the batch fails.
    blocker = new SQLite(file);
    blocker.exec("BEGIN IMMEDIATE");
    recorder.record(id(1), cached, visitor(1), hour + 1);
    recorder.record(id(2), cached, visitor(2), hour + 2);
    await recorder.flush();
    expect(warnings).toEqual(["could not record clicks; will retry"]);
    expect(recorder.buffered).toBe(2);
    recorder.record(id(3), cached, visitor(3), hour + 3);
    recorder.record(id(4), cached, visitor(4), hour + 4); // beyond maxBuffered: dropped, and said so
    expect(recorder.buffered).toBe(3);

    blocker.exec("COMMIT");
    await recorder.flush();
    recorder.record(id(1), cached, visitor(1), hour + 5); // the same visitor again this hour: still one row
    await recorder.close();
    const rows = await ldb.selectFrom("link_clicks").select(["id", "visitor_hash", "link_id", "utm_source"]).orderBy("id").execute();
    expect(rows.map((r) => r.id)).toEqual([id(1), id(2), id(3)]);
    expect(rows[0]).toMatchObject({ visitor_hash: visitor(1), link_id: link.id });
    expect(warnings.at(-1)).toBe("clicks were dropped while the database could not take them");
  });
});
