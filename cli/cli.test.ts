import { execFileSync } from "node:child_process";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../test/helpers/cliRunner.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../test/helpers/databases.js";
import { createTestApp } from "../test/helpers/testApp.js";

describe("switchboard --help", () => {
  it("lists the commands", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", "import('./cli/main.ts').then(m => m.runCli(['--help']))"], {
      encoding: "utf8",
    });
    for (const command of ["migrate", "setup-url", "users", "audit", "vault", "start"]) expect(out).toContain(command);
  });
});

describe.each(DIALECTS)("CLI on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("migrates, prints a setup link only while there are no users, and manages users", async () => {
    expect((await cli(database, ["migrate"])).stdout).toMatch(/Applied 0001_identity|up to date/);
    expect((await cli(database, ["migrate"])).stdout).toContain("Database is up to date.");
    const link = await cli(database, ["setup-url"]);
    expect(link.stdout).toMatch(/\/setup#token=[A-Za-z0-9_-]{43}/);

    const created = await cli(
      database,
      ["users", "create", "--email", "Grace@Example.com", "--name", "Grace", "--role", "admin", "--role", "lead", "--password-stdin"],
      "a long enough password\n",
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Created grace@example.com (admin, lead)");
    expect((await cli(database, ["setup-url"])).stdout).toContain("already has users");

    const generated = await cli(database, ["users", "create", "--email", "linus@example.com", "--name", "Linus"]);
    expect(generated.stdout).toMatch(/Generated password \(shown once\): \S{20,}/);

    expect((await cli(database, ["users", "disable", "linus@example.com"])).stdout).toContain("Disabled linus@example.com");
    const list = await cli(database, ["users", "list"]);
    expect(list.stdout).toMatch(/linus@example.com\tLinus\t-\tdisabled/);
    const reset = await cli(database, ["users", "reset-password", "grace@example.com", "--password-stdin"], "another long password");
    expect(reset.code).toBe(0);

    const short = await cli(database, ["users", "reset-password", "grace@example.com", "--password-stdin"], "short");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("password_too_short");
    const unknown = await cli(database, ["users", "disable", "nobody@example.com"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("user_not_found");
    const badRole = await cli(database, ["users", "create", "--email", "x@example.com", "--name", "X", "--role", "wizard"]);
    expect(badRole.code).not.toBe(0);

    const events = await database.db.selectFrom("audit_events").select(["action", "actor_label"]).orderBy("seq").execute();
    expect(events.map((e) => e.action)).toEqual(["user.created", "user.created", "user.disabled", "user.password_reset"]);
    expect(events[0]?.actor_label).toBe("cli:test-operator");
  });

  it("audit verify passes on an intact log and names the first edited, deleted or reordered event", async () => {
    const t = await createTestApp(dialect);
    try {
      const admin = await t.setupAdmin();
      for (const name of ["PR", "Support", "Legal"]) expect((await admin.post("/api/teams", { name })).statusCode).toBe(201);
      const db = t.database;
      const ok = await cli(db, ["audit", "verify"]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/intact: \d+ event/);

      // The table rejects changes; an attacker with database access drops the guard first.
      await expect(sql`update audit_events set summary = 'x' where seq = 1`.execute(db.db)).rejects.toThrow(/append-only/);
      await dropAppendOnlyGuard(db);

      const target = await db.db
        .selectFrom("audit_events")
        .select(["seq", "summary"])
        .where("action", "=", "team.created")
        .orderBy("seq")
        .executeTakeFirstOrThrow();
      await sql`update audit_events set summary = ${"Created team Marketing with 0 member(s)"} where seq = ${target.seq}`.execute(db.db);
      const edited = await cli(db, ["audit", "verify"]);
      expect(edited.code).toBe(1);
      expect(edited.stderr).toContain(`first bad event #${target.seq}`);
      await sql`update audit_events set summary = ${target.summary} where seq = ${target.seq}`.execute(db.db);
      expect((await cli(db, ["audit", "verify"])).code).toBe(0);

      await sql`delete from audit_events where seq = ${target.seq + 1}`.execute(db.db);
      const deleted = await cli(db, ["audit", "verify"]);
      expect(deleted.code).toBe(1);
      expect(deleted.stderr).toContain(`#${target.seq + 1}`);
    } finally {
      await t.dispose();
    }
  });

  it("audit verify notices reordered events and a truncated tail", async () => {
    const t = await createTestApp(dialect);
    try {
      const admin = await t.setupAdmin();
      for (const name of ["A team", "B team"]) await admin.post("/api/teams", { name });
      const db = t.database;
      await dropAppendOnlyGuard(db);
      const [a, b] = await db.db.selectFrom("audit_events").selectAll().where("action", "=", "team.created").orderBy("seq").execute();
      if (!a || !b) throw new Error("expected two events");
      // Swap the two events' contents (hashes travel with them): the chain links break.
      await sql`update audit_events set seq = -1 where seq = ${a.seq}`.execute(db.db);
      await sql`update audit_events set seq = ${a.seq} where seq = ${b.seq}`.execute(db.db);
      await sql`update audit_events set seq = ${b.seq} where seq = -1`.execute(db.db);
      const swapped = await cli(db, ["audit", "verify"]);
      expect(swapped.code).toBe(1);
      expect(swapped.stderr).toContain(`#${a.seq}`);

      const last = await db.db.selectFrom("audit_events").select("seq").orderBy("seq", "desc").executeTakeFirstOrThrow();
      await sql`delete from audit_events where seq >= ${a.seq}`.execute(db.db);
      const truncated = await cli(db, ["audit", "verify"]);
      expect(truncated.code).toBe(1);
      expect(truncated.stderr).toMatch(/head records \d+/);
      expect(Number(last.seq)).toBeGreaterThan(Number(a.seq));
    } finally {
      await t.dispose();
    }
  });
});

async function dropAppendOnlyGuard(db: TestDatabase) {
  if (db.dialect === "sqlite") {
    await sql`drop trigger audit_events_no_update`.execute(db.db);
    await sql`drop trigger audit_events_no_delete`.execute(db.db);
  } else {
    await sql`drop trigger audit_events_append_only on audit_events`.execute(db.db);
  }
}

describe.each(DIALECTS)("vault rotate-key on %s", (dialect) => {
  it("makes a new key active and re-encrypts every credential", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const { migrateToLatest } = await import("../server/db/migrate.js");
      const { loadConfig } = await import("../server/config.js");
      const { Keyring } = await import("../server/vault/keyring.js");
      const { putSecret, readSecret } = await import("../server/vault/secrets.js");
      await migrateToLatest(database);
      const { keyring } = Keyring.open(loadConfig({ DATA_DIR: database.dataDir }).vault);
      for (let i = 0; i < 3; i++) await putSecret(database.db, keyring, { type: "account", id: `a${i}` }, "access_token", `token-${i}`);
      const out = await cli(database, ["vault", "rotate-key"]);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(/New master key [0-9a-f]{12} is active/);
      expect(out.stdout).toContain("re-encrypted 3/3");
      expect(out.stdout).toContain("Re-encrypted 3 credential(s)");
      const ids = await database.db.selectFrom("vault_secrets").select("key_id").distinct().execute();
      expect(ids).toHaveLength(1);
      expect(ids[0]?.key_id).not.toBe(keyring.ids()[0]);
      expect(await readSecret(database.db, keyring, { type: "account", id: "a2" }, "access_token")).toBe("token-2");
    } finally {
      await database.dispose();
    }
  });
});
