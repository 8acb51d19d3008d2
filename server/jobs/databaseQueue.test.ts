import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../test/helpers/databases.js";
import { migrateToLatest } from "../db/migrate.js";
import { createLogger } from "../logger.js";
import type { Services } from "../services.js";
import { DatabaseJobQueue } from "./databaseQueue.js";
import { defineJob, PermanentJobError } from "./job.js";
import { purgeExpiredJob } from "./purgeExpired.js";
import { JobPayloadError } from "./queue.js";

/** These jobs use only the database; a job that reached for the services would fail loudly. */
const noServices = (): Services => {
  throw new Error("this test queue has no services");
};

describe.each(DIALECTS)("database job queue on %s", (dialect) => {
  let database: TestDatabase;
  const log = createLogger("silent");
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.dispose();
  });

  const seen: string[] = [];
  let failuresLeft = 0;
  const greet = defineJob({
    name: "test.greet",
    payload: z.object({ name: z.string().min(1) }),
    retry: { attempts: 3, backoff: { type: "fixed", delayMs: 0 } },
    timeoutMs: 5_000,
    async run({ name }) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error("network hiccup");
      }
      seen.push(name);
    },
  });
  const broken = defineJob({
    name: "test.broken",
    payload: z.object({}),
    retry: { attempts: 5, backoff: { type: "fixed", delayMs: 0 } },
    timeoutMs: 5_000,
    async run() {
      throw new PermanentJobError("the row is gone");
    },
  });
  const queue = (workerId = "w1") =>
    new DatabaseJobQueue({ db: database.db, log, jobs: [greet, broken], pollMs: 10, workerId, services: noServices });

  it("checks the payload at dispatch and runs the job", async () => {
    seen.length = 0;
    const q = queue();
    await expect(q.dispatch(greet, { name: "" })).rejects.toBeInstanceOf(JobPayloadError);
    await q.dispatch(greet, { name: "Ada" });
    expect(await q.drain()).toBe(1);
    expect(seen).toEqual(["Ada"]);
    const row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("succeeded");
  });

  it("retries a failing job up to its attempts, then marks it failed", async () => {
    seen.length = 0;
    const q = queue();
    failuresLeft = 2;
    await q.dispatch(greet, { name: "Grace" });
    await q.drain();
    expect(seen).toEqual(["Grace"]);
    expect((await database.db.selectFrom("jobs").select("attempts").executeTakeFirstOrThrow()).attempts).toBe(3);

    failuresLeft = 10;
    await q.dispatch(greet, { name: "Never" });
    await q.drain();
    const failed = await database.db.selectFrom("jobs").selectAll().where("status", "=", "failed").executeTakeFirstOrThrow();
    expect(failed.attempts).toBe(3);
    expect(failed.last_error).toBe("network hiccup");
    failuresLeft = 0;
  });

  it("acknowledges a permanent error at once instead of retrying", async () => {
    const q = queue();
    await q.dispatch(broken, {});
    await q.drain();
    const row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 1, last_error: "the row is gone" });
  });

  it("keeps one pending job per dedupe key", async () => {
    const q = queue();
    expect(await q.dispatch(greet, { name: "A" }, { dedupeKey: "k" })).not.toBeNull();
    expect(await q.dispatch(greet, { name: "B" }, { dedupeKey: "k" })).toBeNull();
    await q.drain();
    expect(await q.dispatch(greet, { name: "C" }, { dedupeKey: "k" })).not.toBeNull();
  });

  it("lets exactly one of two workers claim a job, and recovers a crashed worker's expired lease", async () => {
    seen.length = 0;
    const a = queue("a");
    const b = queue("b");
    for (let i = 0; i < 6; i++) await a.dispatch(greet, { name: `n${i}` });
    await Promise.all([a.drain(), b.drain()]);
    expect(seen.sort()).toEqual(["n0", "n1", "n2", "n3", "n4", "n5"]);

    // A worker claimed a job and died: its lease runs out and another worker takes over.
    await a.dispatch(greet, { name: "orphan" });
    await database.db
      .updateTable("jobs")
      .set({ status: "running", attempts: 1, locked_by: "dead", locked_until: new Date(Date.now() - 1000).toISOString() })
      .where("status", "=", "queued")
      .execute();
    await b.drain();
    expect(seen).toContain("orphan");
  });

  it("runs the registered housekeeping job on its schedule and audits what it purged", async () => {
    const q = new DatabaseJobQueue({ db: database.db, log, jobs: [purgeExpiredJob], pollMs: 10, services: noServices });
    await database.db
      .insertInto("setup_tokens")
      .values({ id: "old", token_hash: "h", created_at: "2020-01-01T00:00:00.000Z", expires_at: "2020-01-01T01:00:00.000Z", used_at: null })
      .execute();
    expect(await q.drain()).toBe(1);
    expect(await database.db.selectFrom("setup_tokens").selectAll().execute()).toHaveLength(0);
    const event = await database.db.selectFrom("audit_events").selectAll().executeTakeFirstOrThrow();
    expect(event.action).toBe("housekeeping.purged");
    // The next run is scheduled an interval later, not immediately.
    expect(await q.drain()).toBe(0);
    const next = await database.db.selectFrom("jobs").selectAll().where("status", "=", "queued").executeTakeFirstOrThrow();
    expect(Date.parse(next.run_at)).toBeGreaterThan(Date.now() + 3_000_000);
  });
});
