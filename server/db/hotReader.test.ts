import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers/testApp.js";
import { hotReaderOf, openDatabase } from "./database.js";

// The embedded database only: PostgreSQL has no hot reader.
describe("hot-path reads on the embedded database", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp("sqlite");
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("answers from memory until anything is committed, by this process or another; never shows uncommitted writes", async () => {
    const read = hotReaderOf(t.services.db);
    if (!read) throw new Error("the embedded database has a hot reader");
    const countSql = "select count(*) as n from teams";
    const first = read(countSql, []);
    expect(read(countSql, [])).toBe(first); // the same frozen rows, from memory
    expect(Object.isFrozen(first)).toBe(true);

    const now = new Date().toISOString();
    const team = (id: string) => ({ id, name: id, description: "", created_at: now, updated_at: now });
    await t.services.db.insertInto("teams").values(team("t1")).execute();
    expect(read(countSql, [])).toEqual([{ n: 1 }]);

    await t.services.db.transaction().execute(async (trx) => {
      await trx.insertInto("teams").values(team("t2")).execute();
      expect(read(countSql, [])).toEqual([{ n: 1 }]); // not committed yet
    });
    expect(read(countSql, [])).toEqual([{ n: 2 }]);

    // Another process (the CLI) writing to the same file.
    const other = openDatabase({ dataDir: t.database.dataDir });
    await other.db.insertInto("teams").values(team("t3")).execute();
    await other.destroy();
    expect(read(countSql, [])).toEqual([{ n: 3 }]);
  });

  it("a user disabled from another process is signed out on their very next request", async () => {
    const admin = await t.setupAdmin();
    expect((await admin.get("/api/me")).statusCode).toBe(200);
    expect((await admin.get("/api/me")).statusCode).toBe(200);
    const other = openDatabase({ dataDir: t.database.dataDir });
    await other.db.updateTable("users").set({ disabled_at: new Date().toISOString() }).execute();
    await other.destroy();
    expect((await admin.get("/api/me")).statusCode).toBe(401);
  });
});
