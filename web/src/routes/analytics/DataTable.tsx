import type { ReactNode } from "react";
import { type CsvColumn, downloadCsv, toCsv } from "./csv.js";

export interface Column<T> extends CsvColumn<T> {
  /** How the cell is shown; the CSV has `value` (plain numbers, no currency signs). */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A table with a caption and a CSV download of exactly its rows. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  filename,
  empty,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  filename: string;
  empty: string;
}) {
  return (
    <div className="analytics-table">
      <div className="analytics-table-header">
        <h3>{caption}</h3>
        <button
          type="button"
          className="button button-small"
          onClick={() => downloadCsv(filename, toCsv(columns, rows))}
          disabled={rows.length === 0}
          aria-label={`Download ${caption} as CSV`}
        >
          CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={c.numeric ? "cell-number" : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c, i) =>
                    i === 0 ? (
                      <th key={c.header} scope="row">
                        {c.render ? c.render(row) : c.value(row)}
                      </th>
                    ) : (
                      <td key={c.header} className={c.numeric ? "cell-number" : undefined}>
                        {c.render ? c.render(row) : c.value(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
