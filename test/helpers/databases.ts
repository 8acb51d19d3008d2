import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DialectName } from "../../server/db/capabilities.js";
import { type DatabaseHandle, openDatabase } from "../../server/db/database.js";

/**
 * Every database test runs on both dialects (as Kysely's own suite does).
 * PostgreSQL is required: in CI an unreachable server fails the run; on a
 * laptop without one, set SWITCHBOARD_TEST_SKIP_PG=1 to skip it knowingly.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://localhost/test";
// A URL without a user name makes libpq/pg fall back to $PGUSER, then $USER; CI may have neither.
if (!process.env.PGUSER && !process.env.USER) process.env.PGUSER = "postgres";
/** False only on a laptop without PostgreSQL that said so (SWITCHBOARD_TEST_SKIP_PG=1 outside CI). */
export const POSTGRES_AVAILABLE = !(process.env.SWITCHBOARD_TEST_SKIP_PG === "1" && process.env.CI !== "true");
export const DIALECTS: DialectName[] = testDialects();

/**
 * `SWITCHBOARD_TEST_DIALECTS=sqlite` runs the dialect loops on the embedded database only: CI's second pass on
 * another Node version does (the native SQLite driver is what differs between Node versions; the PostgreSQL
 * driver is plain JavaScript). Tests that need PostgreSQL for a server of their own still use it.
 */
function testDialects(): DialectName[] {
  const listed = process.env.SWITCHBOARD_TEST_DIALECTS;
  if (listed) {
    const names = listed.split(",").map((name) => name.trim());
    const unknown = names.filter((name) => name !== "sqlite" && name !== "postgres");
    if (unknown.length > 0) throw new Error(`SWITCHBOARD_TEST_DIALECTS: unknown dialect ${unknown.join(", ")}`);
    return names as DialectName[];
  }
  return POSTGRES_AVAILABLE ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase extends DatabaseHandle {
  dialect: DialectName;
  dataDir: string;
  /** PostgreSQL: a URL another process can open this same database with (its schema on the search path). */
  url?: string;
  /** Drops what the test created (the PostgreSQL schema, the SQLite folder). */
  dispose(): Promise<void>;
}

let workerDatabase: Promise<string> | undefined;

/**
 * Each test worker gets its own PostgreSQL database (created once, reused by
 * later runs) and each test its own schema in it. Tests in one worker run one
 * after another, so no test's schema is dropped while another introspects
 * the catalogue (Kysely's migrator lists every table in the database).
 * Two test runs at once on one machine must not share these databases: give
 * the second run its own with TEST_DATABASE_TAG (letters, digits, _).
 */
function workerDatabaseUrl(): Promise<string> {
  workerDatabase ??= (async () => {
    const tag = /^\w+$/.test(process.env.TEST_DATABASE_TAG ?? "") ? `${process.env.TEST_DATABASE_TAG}_` : "";
    const name = `switchboard_test_${tag}${process.env.VITEST_POOL_ID ?? process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(
        `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(err as Error).message}). Start it, or set TEST_DATABASE_URL.`,
      );
    }
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } catch (err) {
      // 42P04: it exists already (an earlier run, or a sibling test file in this worker).
      if ((err as { code?: string }).code !== "42P04") throw err;
    } finally {
      await admin.end();
    }
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    return url.href;
  })();
  return workerDatabase;
}

/** A fresh, empty database: a new SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
  if (dialect === "sqlite") {
    const handle = openDatabase({ dataDir });
    return {
      ...handle,
      dialect,
      dataDir,
      async dispose() {
        await handle.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const url = await workerDatabaseUrl();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase({ dataDir, databaseUrl: url, pgSchema: schema });
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return {
    ...handle,
    dialect,
    dataDir,
    url: scoped.href,
    async dispose() {
      await handle.destroy();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
