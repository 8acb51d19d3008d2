import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, sqliteConnectionOf } from "./database.js";
import { FALLBACK_AUTOCHECKPOINT_PAGES, walCheckpointStats } from "./walCheckpointer.js";

// The embedded database only: PostgreSQL checkpoints in its own server.
describe("WAL checkpoints on the checkpointer thread", () => {
  const dirs: string[] = [];
  const open = (dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-wal-"))) => {
    dirs.push(dataDir);
    return openDatabase({ dataDir });
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** About 6 MB of commits, in 60 transactions (each too small to start a checkpoint of its own). */
  const write = async (handle: DatabaseHandle) => {
    await sql`create table if not exists notes (id integer primary key, body text not null)`.execute(handle.db);
    const body = "x".repeat(1000);
    for (let t = 0; t < 60; t++)
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 100; i++) await sql`insert into notes (body) values (${body})`.execute(trx);
      });
  };
  const walOf = (dataDir: string) => path.join(dataDir, "switchboard.sqlite-wal");
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  };

  it("copies committed pages into the database file shortly after they are written, off the writer's connection", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-wal-"));
    const handle = open(dataDir);
    const file = path.join(dataDir, "switchboard.sqlite");
    // The writer's own automatic checkpoint is only the fallback, far above these writes.
    expect(sqliteConnectionOf(handle.db)?.pragma("wal_autocheckpoint", { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    const sizeBefore = statSync(file).size;
    await write(handle);
    await until(async () => (await walCheckpointStats(file)).checkpoints > 0);
    const stats = await walCheckpointStats(file);
    expect(stats.checkpoints).toBeGreaterThan(0);
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 3_000_000);
    // Everything committed reads back, and the WAL is reused rather than growing with every write.
    await write(handle);
    await until(async () => (await walCheckpointStats(file)).checkpoints > stats.checkpoints);
    const { n } = (await sql<{ n: number }>`select count(*) as n from notes`.execute(handle.db)).rows[0] ?? { n: 0 };
    expect(n).toBe(12_000);
    expect(statSync(walOf(dataDir)).size).toBeLessThan(12_000_000);
    await handle.destroy();
    // The thread let go of the file before the writer closed it: the writer, closing last, removed the WAL.
    expect(existsSync(walOf(dataDir))).toBe(false);
  });

  it("leaves a small WAL alone, as SQLite's own automatic checkpoint would", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-wal-"));
    const handle = open(dataDir);
    const file = path.join(dataDir, "switchboard.sqlite");
    await sql`create table notes (id integer primary key, body text not null)`.execute(handle.db);
    for (let i = 0; i < 20; i++) await sql`insert into notes (body) values (${"x".repeat(1000)})`.execute(handle.db);
    await new Promise((r) => setTimeout(r, 500));
    expect(await walCheckpointStats(file)).toEqual({ checkpoints: 0 });
    await handle.destroy();
  });

  it("keeps watching a file while another handle on it stays open", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-wal-"));
    const first = open(dataDir);
    const second = open(dataDir);
    const file = path.join(dataDir, "switchboard.sqlite");
    await first.destroy();
    await write(second);
    await until(async () => (await walCheckpointStats(file)).checkpoints > 0);
    expect((await walCheckpointStats(file)).checkpoints).toBeGreaterThan(0);
    await second.destroy();
    expect(existsSync(walOf(dataDir))).toBe(false);
  });
});
