import { randomBytes } from "node:crypto";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { coreDb, type LinksDb } from "./tables.js";
import { DAY_MS, dayOf } from "./visitor.js";

/**
 * Makes sure `day` has a salt and returns it. Salts live in the database so every process hashes a
 * visitor alike; when two processes create the same day's salt at once, the first insert wins and both
 * read it back.
 */
export async function ensureSalt(db: LinksDb, day: string): Promise<Buffer> {
  const existing = await db.selectFrom("link_salts").select("salt").where("day", "=", day).executeTakeFirst();
  if (existing) return Buffer.from(existing.salt, "hex");
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("link_salts")
      .values({ day, salt: randomBytes(32).toString("hex"), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column("day").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      await recordAudit(coreDb(trx), systemActor("links"), {
        action: "links.salt_created",
        targetType: "link_salt",
        targetId: day,
        summary: `Created the visitor-hash salt for ${day}`,
      });
    }
  });
  const row = await db.selectFrom("link_salts").select("salt").where("day", "=", day).executeTakeFirstOrThrow();
  return Buffer.from(row.salt, "hex");
}

/** Creates today's and tomorrow's salts ahead of need and deletes those older than yesterday. */
export async function rotateSalts(db: LinksDb, now = Date.now()): Promise<{ deleted: string[] }> {
  await ensureSalt(db, dayOf(now));
  await ensureSalt(db, dayOf(now + DAY_MS));
  const cutoff = dayOf(now - DAY_MS);
  return db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom("link_salts").select("day").where("day", "<", cutoff).execute();
    if (old.length === 0) return { deleted: [] };
    const deleted = old.map((r) => r.day).sort();
    await trx.deleteFrom("link_salts").where("day", "<", cutoff).execute();
    await recordAudit(coreDb(trx), systemActor("links"), {
      action: "links.salts_deleted",
      targetType: "link_salt",
      summary: `Deleted the visitor-hash salts of ${deleted.join(", ")}: their visitors can no longer be tied to an address`,
      changes: { days: deleted },
    });
    return { deleted };
  });
}

/**
 * This process's copy of the salts, so the redirect hashes without a database round trip. The job makes
 * tomorrow's ahead and a refresh reads it; a day still missing (a fresh install) is made on its first click.
 */
export class SaltKeeper {
  private readonly salts = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private today: { start: number; salt: Buffer } | undefined;

  constructor(private readonly db: LinksDb) {}

  get(day: string): Buffer | undefined {
    return this.salts.get(day);
  }

  /** The salt of the UTC day `now` falls in, if this process has it; the redirect's fast path (no date formatting). */
  at(now: number): Buffer | undefined {
    const today = this.today;
    if (today && now >= today.start && now < today.start + DAY_MS) return today.salt;
    const salt = this.salts.get(dayOf(now));
    if (salt) this.today = { start: now - (now % DAY_MS), salt };
    return salt;
  }

  load(day: string): Promise<Buffer> {
    const known = this.salts.get(day);
    if (known) return Promise.resolve(known);
    let loading = this.pending.get(day);
    if (!loading) {
      loading = ensureSalt(this.db, day)
        .then((salt) => {
          this.salts.set(day, salt);
          return salt;
        })
        .finally(() => this.pending.delete(day));
      this.pending.set(day, loading);
    }
    return loading;
  }

  /**
   * Re-reads the stored salts: picks up the ones the job made ahead (tomorrow's) and forgets the ones it
   * deleted. Creates nothing, so an idle server writes nothing.
   */
  async refresh(): Promise<void> {
    const stored = await this.db.selectFrom("link_salts").select(["day", "salt"]).execute();
    this.salts.clear();
    this.today = undefined;
    for (const row of stored) this.salts.set(row.day, Buffer.from(row.salt, "hex"));
  }
}
