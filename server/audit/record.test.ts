import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../test/helpers/databases.js";
import { migrateToLatest } from "../db/migrate.js";
import { systemActor } from "./context.js";
import { recordAudit } from "./record.js";
import { verifyAuditLog } from "./verify.js";

describe.each(DIALECTS)("audit chain on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("stays one unbroken chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction().execute((trx) => recordAudit(trx, systemActor(), { action: "test.event", summary: `event ${i}` })),
      ),
    );
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, checked: 40 });
  });

  it("rolls back with the change it describes", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemActor(), { action: "test.event", summary: "doomed" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await database.db.selectFrom("audit_events").selectAll().execute()).toHaveLength(0);
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, checked: 0 });
  });

  it("migrations are idempotent", async () => {
    expect(await migrateToLatest(database)).toEqual([]);
  });
});
