import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { DB } from "../../db/schema.js";

/** The tables of migration 0028 (ISO timestamp strings; bigint values come back from PostgreSQL as strings). */
export interface MetricSnapshotsTable {
  id: string;
  account_id: string;
  network: string;
  variant_id: string | null;
  post_id: string | null;
  metric: string;
  value: number | string;
  delta: number | string;
  captured_at: string;
  day: string;
}

export interface MetricGapsTable {
  id: string;
  account_id: string;
  variant_id: string | null;
  metric: string;
  reason: string;
  captured_at: string;
}

export interface MetricSyncStateTable {
  account_id: string;
  backfilled_at: string | null;
  last_synced_at: string | null;
  next_sync_at: string;
  failures: number;
  last_error: string | null;
}

export interface MetricTables {
  metric_snapshots: MetricSnapshotsTable;
  metric_gaps: MetricGapsTable;
  metric_sync_state: MetricSyncStateTable;
}

export type MetricsDb = Kysely<DB & MetricTables>;

/** The application's database seen with the network-metrics tables, as analytics/tables.ts does. */
export const metricsDb = (db: Database): MetricsDb => db as unknown as MetricsDb;

/** Back to the core view, for helpers that take the application's database (audit). */
export const coreOf = (db: MetricsDb): Database => db as unknown as Database;
