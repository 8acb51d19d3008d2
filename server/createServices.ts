import type { Logger } from "pino";
import { createHttpClient } from "../connectors/http/client.js";
import type { HttpClient } from "../connectors/http/types.js";
import { CONNECTORS } from "../connectors/registry.js";
import type { Config } from "./config.js";
import { type ConnectorCatalog, catalogOf } from "./connections/catalog.js";
import { type DatabaseHandle, openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { createCrisisDetector } from "./inbox/crisis/detector.js";
import { rebuildCrisisDetector } from "./inbox/crisis/rebuild.js";
import { inboxBrandSentiment } from "./inbox/sentiment/brandSentiment.js";
import { DatabaseJobQueue } from "./jobs/databaseQueue.js";
import { JOBS } from "./jobs/registry.js";
import { policyCache } from "./policy/service/activePolicy.js";
import { claimsApprovalHook } from "./policy/service/claimsHook.js";
import type { Services } from "./services.js";
import { Keyring } from "./vault/keyring.js";

export interface ServiceOptions {
  /** Open this database instead of the one the config names (tests). */
  database?: DatabaseHandle;
  /** Connectors to use instead of the registry's (tests point them at local stand-ins). */
  connectors?: ConnectorCatalog;
  /** The outbound HTTP client to use instead of one built from the config. */
  http?: HttpClient;
}

/**
 * Everything but HTTP, built from one config: the migrated database, the job queue (not started),
 * the vault's keys, the connectors and their HTTP client. The server (app.ts) and `switchboard worker`
 * both start from here.
 */
export async function createServices(config: Config, log: Logger, version: string, options: ServiceOptions = {}) {
  const database = options.database ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database);
  const jobs = new DatabaseJobQueue({
    db: database.db,
    log: log.child({ component: "jobs" }),
    jobs: JOBS,
    pollMs: config.jobsPollMs,
    services: () => services,
  });
  const { keyring, warning } = Keyring.open(config.vault);
  if (warning) log.warn(warning);
  const http = options.http ?? createHttpClient({ proxy: config.proxy, userAgent: `Switchboard/${version}` });
  const connectors = options.connectors ?? catalogOf(CONNECTORS);
  const services: Services = {
    db: database.db,
    capabilities: database.capabilities,
    config,
    jobs,
    keyring,
    connectors,
    http,
    approvalHooks: [claimsApprovalHook(() => services)],
    policy: policyCache(database.db),
    brandSentiment: inboxBrandSentiment(database.db),
    crisisDetector: createCrisisDetector(),
  };
  // The detector's state is in memory: rebuilt from the stored messages before any new one arrives.
  const rebuilt = await rebuildCrisisDetector(services);
  if (rebuilt.messages > 0) log.info(rebuilt, "crisis detector rebuilt from stored messages");
  return {
    services,
    jobs,
    /** Stops the job queue and closes the database, unless it was given. */
    async close() {
      await jobs.stop();
      if (!options.database) await database.destroy();
    },
  };
}
