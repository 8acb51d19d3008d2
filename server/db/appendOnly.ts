import { type Kysely, sql } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";

/**
 * Makes a table reject UPDATE and DELETE at the database level. Trigger syntax
 * is the one place the two dialects must be spelled differently.
 */
// biome-ignore lint/suspicious/noExplicitAny: used from migrations
export async function makeAppendOnly(db: Kysely<any>, dialect: DialectCapabilities, table: string) {
  const message = `${table} is append-only`;
  if (dialect.name === "sqlite") {
    for (const op of ["UPDATE", "DELETE"]) {
      await sql
        .raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`)
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_reject_change() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${message}'; END; $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_reject_change()`)
    .execute(db);
}
