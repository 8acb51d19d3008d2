import { type Migration, type MigrationResultSet, Migrator } from "kysely";
import type { DatabaseHandle } from "./database.js";
import { MIGRATIONS } from "./migrations/index.js";

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string | undefined,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Brings the database to the latest schema; safe to run at every start. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (db) => m.up(db, handle.capabilities) };
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its own tables in every schema unless told which one.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  const failed = result.results?.find((r) => r.status === "Error");
  if (result.error || failed) {
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`Migration ${failed?.migrationName ?? "?"} failed: ${cause}`, failed?.migrationName);
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
