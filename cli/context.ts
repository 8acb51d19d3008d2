import { type Config, loadConfig } from "../server/config.js";
import type { ConnectorCatalog } from "../server/connections/catalog.js";
import { type DatabaseHandle, openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrate.js";
import type { CliIo } from "./io.js";

export interface CliContext {
  io: CliIo;
  config: Config;
  database: DatabaseHandle;
}

export interface CliOptions {
  io: CliIo;
  /** Use this database instead of the configured one (tests). */
  database?: DatabaseHandle;
  /** Use these connectors instead of the registry's (tests point them at network stand-ins). */
  connectors?: ConnectorCatalog;
  /** Stops long-running commands (`worker`) as SIGTERM does (tests running the CLI in-process). */
  signal?: AbortSignal;
}

/** Loads the config, opens and migrates the database, runs `work`, closes. */
export async function withContext<T>(options: CliOptions, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(options.io.env);
  const database = options.database ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    return await work({ io: options.io, config, database });
  } finally {
    if (!options.database) await database.destroy();
  }
}
