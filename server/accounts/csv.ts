import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { AppError } from "../errors.js";
import type { AccountSummary } from "./store.js";

/** The inventory's CSV columns, in export order. Import accepts them in any order. */
export const CSV_COLUMNS = [
  "network",
  "handle",
  "url",
  "display_name",
  "owner_email",
  "team",
  "purpose",
  "audience",
  "status",
  "two_factor",
  "recovery_contact",
  "notes",
  "last_activity_at",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRecord = Partial<Record<CsvColumn, string>>;

const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** Parses an uploaded inventory; refuses the file only when it cannot be read at all. */
export function parseInventoryCsv(text: string): { records: CsvRecord[]; ignoredColumns: string[] } {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new AppError(400, "csv_unreadable", `The file is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new AppError(400, "csv_empty", "The file is empty.");
  const keys = header.map(headerKey);
  const missing = (["network", "handle"] as const).filter((c) => !keys.includes(c));
  if (missing.length > 0) {
    throw new AppError(400, "csv_missing_columns", `The header row needs the columns: ${missing.join(", ")}.`, {
      details: { missing, expected: CSV_COLUMNS },
    });
  }
  const known = new Set<string>(CSV_COLUMNS);
  const records = body.map((cells) => {
    const record: CsvRecord = {};
    keys.forEach((key, i) => {
      const value = cells[i];
      // Undo the export's formula defusing, so an exported file imports as it was.
      if (known.has(key) && value !== undefined && value !== "") record[key as CsvColumn] = value.replace(/^'(?=[=+\-@\t\r])/, "");
    });
    return record;
  });
  return { records, ignoredColumns: header.filter((_, i) => !known.has(keys[i] ?? "")) };
}

// Spreadsheets run cells that start like a formula; a leading quote keeps them text.
const defuse = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export function inventoryToCsv(
  accounts: (AccountSummary & { purpose: string; audience: string; recoveryContact: string; notes: string })[],
): string {
  const rows = accounts.map((a) =>
    [
      a.network,
      a.handle,
      a.url ?? "",
      a.displayName,
      a.owner?.email ?? "",
      a.team?.name ?? "",
      a.purpose,
      a.audience,
      a.status,
      a.twoFactor,
      a.recoveryContact,
      a.notes,
      a.lastActivityAt ?? "",
    ].map(defuse),
  );
  return stringify([[...CSV_COLUMNS], ...rows]);
}
