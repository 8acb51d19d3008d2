import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { accountsKey, importAccounts } from "../../api/accounts.js";
import type { ImportReport } from "../../api/types.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";

const OPTIONAL_COLUMNS = [
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
];

/** The server takes up to 900,000 characters; say so before uploading rather than after. */
const MAX_BYTES = 900_000;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function ImportResult({ report }: { report: ImportReport }) {
  const headingId = useId();
  const failedRows = report.rows.filter((r) => r.status === "failed");
  const imported = report.created + report.updated + report.unchanged;
  const summary = useRef<HTMLDivElement>(null);
  // The form (and the button that had focus) is gone: start the reader at the outcome.
  useEffect(() => summary.current?.focus(), []);
  return (
    <div className="import-report">
      <div ref={summary} tabIndex={-1} role="status" className={report.failed > 0 ? "alert alert-warning" : "alert alert-ok"}>
        <p className="alert-title">
          {report.failed === 0
            ? `All ${plural(imported, "row was", "rows were")} imported`
            : `${plural(imported, "row was", "rows were")} imported; ${plural(report.failed, "row was", "rows were")} not`}
        </p>
        {report.failed > 0 && (
          <p>
            The rows below were left out. Fix them in your file and import it again: rows already imported are updated, not added twice.
          </p>
        )}
      </div>
      <dl className="stat-list">
        <div>
          <dt>Created</dt>
          <dd>{report.created}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{report.updated}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{report.unchanged}</dd>
        </div>
        <div className={report.failed > 0 ? "stat-bad" : undefined}>
          <dt>Not imported</dt>
          <dd>{report.failed}</dd>
        </div>
      </dl>
      {report.ignoredColumns.length > 0 && (
        <p className="field-hint">
          Ignored {plural(report.ignoredColumns.length, "column", "columns")} Switchboard does not know:{" "}
          {report.ignoredColumns.map((c, i) => (
            <span key={c}>
              {i > 0 && ", "}
              <code>{c}</code>
            </span>
          ))}
          .
        </p>
      )}
      {failedRows.length > 0 && (
        <section aria-labelledby={headingId}>
          <h3 id={headingId} className="subheading">
            Rows not imported
          </h3>
          <div className="table-wrap">
            <table className="table table-compact">
              <caption className="sr-only">Rows not imported, with what is wrong</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Handle</th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {failedRows.flatMap((row) =>
                  (row.errors.length > 0 ? row.errors : [{ field: "row", message: "could not be imported" }]).map((error) => (
                    <tr key={`${row.line}-${error.field}-${error.message}`}>
                      <td className="cell-nowrap">{row.line}</td>
                      <td>{row.handle || <span className="muted">(none)</span>}</td>
                      <td>
                        <code>{error.field}</code>
                      </td>
                      <td>{error.message}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [again, setAgain] = useState(false);
  const run = useMutation({
    mutationFn: async (chosen: File) => importAccounts(await chosen.text()),
    // The report in the dialog says what happened; no toast on top of it.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountsKey }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !file
      ? "Choose a CSV file."
      : file.size === 0
        ? "This file is empty."
        : file.size > MAX_BYTES
          ? "This file is too large: import at most about 900 KB at a time, for example by splitting it."
          : undefined;
    setFileProblem(problem);
    if (file && !problem) run.mutate(file);
  };

  const startOver = () => {
    run.reset();
    setFile(null);
    setFileProblem(undefined);
    setAgain(true);
  };

  // "Import another file" removed the button that had focus: put it on the file input.
  useEffect(() => {
    if (again && !run.data) fileInput.current?.focus();
  }, [again, run.data]);

  return (
    <Modal title="Import accounts from CSV" onClose={onClose}>
      {(close) =>
        run.data ? (
          <>
            <ImportResult report={run.data} />
            <div className="form-actions">
              <button type="button" className="button" onClick={startOver}>
                Import another file
              </button>
              <button type="button" className="button button-primary" onClick={close}>
                Done
              </button>
            </div>
          </>
        ) : (
          <form className="form" onSubmit={submit}>
            <div className="field">
              <label htmlFor={`${id}-file`}>CSV file</label>
              <input
                ref={fileInput}
                id={`${id}-file`}
                className="input input-file"
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${id}-hint${fileProblem ? ` ${id}-error` : ""}`}
                aria-invalid={fileProblem ? true : undefined}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFileProblem(undefined);
                  run.reset();
                }}
              />
              <div id={`${id}-hint`} className="field-hint">
                <p>
                  The first row names the columns. <code>network</code> and <code>handle</code> are required; the others are optional:{" "}
                  {OPTIONAL_COLUMNS.map((c, i) => (
                    <span key={c}>
                      {i > 0 && ", "}
                      <code>{c}</code>
                    </span>
                  ))}
                  .
                </p>
                <p>
                  An account already in the inventory (same network and handle) is updated. Good rows are imported even when others have
                  problems; you get a report of each row left out. An export has the same format.
                </p>
              </div>
              {fileProblem && (
                <p id={`${id}-error`} className="field-error">
                  {fileProblem}
                </p>
              )}
            </div>
            <ErrorMessage error={run.error} title="The file could not be imported" />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={run.isPending}>
                {run.isPending ? "Importing…" : "Import"}
              </button>
            </div>
          </form>
        )
      }
    </Modal>
  );
}
