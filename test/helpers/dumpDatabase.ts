import { sql } from "kysely";
import type { Database } from "../../server/db/database.js";

/** Every row of every table, as text: to search a whole database for a leaked secret. */
export async function dumpDatabase(db: Database): Promise<string> {
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    parts.push(`== ${table.name}\n${JSON.stringify(rows.rows)}`);
  }
  return parts.join("\n");
}
