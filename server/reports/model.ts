import type { Database } from "../db/database.js";
import type { Permission } from "../identity/roles.js";

/** A report is a table: the columns in order and one record per row, so the page and the CSV share it. */
export interface ReportColumn {
  key: string;
  label: string;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
}

/** Half-open range of instants [from, to) as ISO strings; `to` is the day after the last day asked for. */
export interface ReportRange {
  from: string;
  to: string;
}

export const REPORT_NAMES = ["requests", "sla", "deflection", "training", "attestation", "advocacy"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportDefinition {
  name: ReportName;
  title: string;
  permission: Permission;
  /** Whether the date range filters the report; the others are a snapshot as of now. */
  ranged: boolean;
  build(db: Database, range: ReportRange, now: number): Promise<ReportTable>;
}

export const column = (key: string, label: string): ReportColumn => ({ key, label });

/** Met over decided, as a whole percentage; null when nothing was decided yet. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
