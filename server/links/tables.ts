import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { DB } from "../db/schema.js";

/** The tables of migration 0022 (server/db/schema.ts style: ISO timestamp strings, null for absent). */
export interface LinksTable {
  id: string;
  code: string;
  destination: string;
  campaign_id: string | null;
  post_id: string | null;
  account_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  expires_at: string | null;
  archived_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LinkClicksTable {
  id: string;
  link_id: string;
  visitor_hash: string;
  clicked_at: string;
  hour: string;
  recorded_at: string;
  post_id: string | null;
  campaign_id: string | null;
  account_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
}

export interface LinkClicksHourlyTable {
  link_id: string;
  hour: string;
  clicks: number;
}

export interface LinkRollupStateTable {
  id: number;
  recorded_through: string;
}

export interface LinkUtmPresetsTable {
  campaign_id: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  updated_at: string;
}

export interface LinkSaltsTable {
  day: string;
  salt: string;
  created_at: string;
}

export interface LinkTables {
  links: LinksTable;
  link_clicks: LinkClicksTable;
  link_clicks_hourly: LinkClicksHourlyTable;
  link_rollup_state: LinkRollupStateTable;
  link_utm_presets: LinkUtmPresetsTable;
  link_salts: LinkSaltsTable;
}

export type LinksDb = Kysely<DB & LinkTables>;
export type LinksTrx = Transaction<DB & LinkTables>;

/**
 * The application's database seen with this area's tables. They are typed here rather than in
 * db/schema.ts so the area stays in one folder; moving them there later only deletes these casts.
 */
export const linksDb = (db: Database): LinksDb => db as unknown as LinksDb;
/** For helpers typed on the core schema (recordAudit) inside a links transaction. */
export const coreDb = (db: LinksDb | LinksTrx): Database => db as unknown as Database;
