import { stringify } from "csv-stringify/sync";
import type { ReportCell, ReportTable } from "./model.js";

/**
 * A spreadsheet opening the file must not run a cell as a formula (CSV injection, OWASP): text
 * starting with = + - @ (or a tab or carriage return) gets a leading apostrophe. Numbers are written
 * as numbers, so a negative figure stays a number.
 */
export const defuse = (value: ReportCell): string => {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};

/** The table as CSV: a header of the column labels, then the rows in column order. */
export function reportCsv(table: ReportTable): string {
  return stringify([
    table.columns.map((c) => defuse(c.label)),
    ...table.rows.map((row) => table.columns.map((c) => defuse(row[c.key] ?? null))),
  ]);
}
