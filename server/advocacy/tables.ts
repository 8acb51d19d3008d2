import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { DB } from "../db/schema.js";
import type { LinkTables } from "../links/tables.js";

/** The tables of migration 0028 (db/schema.ts style: ISO timestamp strings, null for absent). */
export interface AdvocacyItemsTable {
  id: string;
  title: string;
  suggested_text: string;
  url: string | null;
  /** JSON array of strings. */
  topics: string;
  /** JSON array of network ids (model.ts NETWORKS). */
  networks: string;
  disclosure: string;
  expires_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type ShareStatus = "prepared" | "shared" | "cancelled";

export interface AdvocacySharesTable {
  id: string;
  item_id: string;
  user_id: string;
  network: string;
  instance: string | null;
  text: string;
  link_id: string | null;
  status: ShareStatus;
  created_at: string;
  updated_at: string;
  shared_at: string | null;
}

export interface AdvocacyTables {
  advocacy_items: AdvocacyItemsTable;
  advocacy_shares: AdvocacySharesTable;
}

export type AdvocacyDb = Kysely<DB & LinkTables & AdvocacyTables>;
export type AdvocacyTrx = Transaction<DB & LinkTables & AdvocacyTables>;

/**
 * The application's database seen with this area's tables and the links it makes, typed here (as
 * links/tables.ts does) so the area stays in its folder; moving them to db/schema.ts only deletes casts.
 */
export const advocacyDb = (db: Database): AdvocacyDb => db as unknown as AdvocacyDb;
/** For helpers typed on the core schema (recordAudit, the policy) inside an advocacy transaction. */
export const coreDb = (db: AdvocacyDb | AdvocacyTrx): Database => db as unknown as Database;
