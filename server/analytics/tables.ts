import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { DB } from "../db/schema.js";
import type { LinkTables } from "../links/tables.js";

/** The tables of migration 0027 (ISO timestamp strings; money in hundredths; days as YYYY-MM-DD). */
export interface AnalyticsSettingsTable {
  id: number;
  currency: string;
  cpm_minor: number | string | null;
  cpc_minor: number | string | null;
  pixel_enabled: number;
  updated_at: string;
}

export interface AnalyticsConversionsTable {
  id: string;
  dedupe_key: string;
  kind: string;
  value_minor: number | string;
  currency: string | null;
  click_id: string | null;
  customer_key: string | null;
  signed: number;
  attributed_via: string;
  link_id: string | null;
  campaign_id: string | null;
  post_id: string | null;
  account_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  occurred_at: string;
  day: string;
  received_at: string;
  updated_at: string;
}

export interface AnalyticsCostsTable {
  id: string;
  campaign_id: string;
  kind: string;
  hours_hundredths: number | string | null;
  rate_minor: number | string | null;
  amount_minor: number | string;
  currency: string;
  note: string;
  incurred_on: string;
  created_by: string | null;
  created_at: string;
}

export interface AnalyticsDailyTable {
  day: string;
  campaign_id: string;
  account_id: string;
  post_id: string;
  link_id: string;
  clicks: number | string;
  leads: number | string;
  signups: number | string;
  sales: number | string;
  value_minor: number | string;
  unsigned: number | string;
  inbox_leads: number | string;
  unvalued: number | string;
}

export interface AnalyticsRollupStateTable {
  id: number;
  read_through: string;
}

export interface AnalyticsDigestsTable {
  week: string;
  recipients: number;
  sent_at: string | null;
}

export interface AnalyticsTables extends LinkTables {
  analytics_digests: AnalyticsDigestsTable;
  analytics_settings: AnalyticsSettingsTable;
  analytics_conversions: AnalyticsConversionsTable;
  analytics_costs: AnalyticsCostsTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_rollup_state: AnalyticsRollupStateTable;
}

export type AnalyticsDb = Kysely<DB & AnalyticsTables>;
export type AnalyticsTrx = Transaction<DB & AnalyticsTables>;

/** The application's database seen with this area's (and the links area's) tables, as links/tables.ts does. */
export const analyticsDb = (db: Database): AnalyticsDb => db as unknown as AnalyticsDb;
/** For helpers typed on the core schema (recordAudit, the vault) inside an analytics transaction. */
export const coreDb = (db: AnalyticsDb | AnalyticsTrx): Database => db as unknown as Database;

/** bigint columns come back from PostgreSQL as strings. */
export const num = (v: number | string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
