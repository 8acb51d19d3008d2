import type { HttpClient } from "../connectors/http/types.js";
import type { Config } from "./config.js";
import type { ConnectorCatalog } from "./connections/catalog.js";
import type { DialectCapabilities } from "./db/capabilities.js";
import type { Database } from "./db/database.js";
import type { CrisisDetector } from "./inbox/crisis/detector.js";
import type { JobQueue } from "./jobs/queue.js";
import type { PolicyCache } from "./policy/service/activePolicy.js";
import type { BrandSentimentSource } from "./policy/service/sentiment.js";
import type { ApprovalHook } from "./posts/approvals/model.js";
import type { Keyring } from "./vault/keyring.js";

/** What routes and commands are given: built once in app.ts, never global. */
export interface Services {
  db: Database;
  capabilities: DialectCapabilities;
  config: Config;
  jobs: JobQueue;
  /** The vault's master keys. */
  keyring: Keyring;
  /** The connector for each network, and the one outbound HTTP client they share. */
  connectors: ConnectorCatalog;
  http: HttpClient;
  /** Add required approvers from what a post says (the policy engine registers one). */
  approvalHooks: ApprovalHook[];
  /** The organisation's policy (packs, lexicon, styles), rebuilt when it changes. */
  policy: PolicyCache;
  /** The brand's inbound sentiment for the campaign-risk check (the inbox provides it). */
  brandSentiment: BrandSentimentSource;
  /** Spikes of negative inbound messages per channel, fed by ingestion (state in this process's memory). */
  crisisDetector: CrisisDetector;
}
