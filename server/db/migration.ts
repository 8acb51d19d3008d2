import type { Kysely } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";

/**
 * A versioned migration. Migrations are immutable once released: fix forward
 * with a new file. They use the schema builder and raw SQL only, never the
 * application's stores, so they keep working as the code moves on.
 */
export interface SwitchboardMigration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was at their time
  up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void>;
}
