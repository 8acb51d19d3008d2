import { useReportUnsaved } from "../../components/UnsavedChangesGuard.js";

/**
 * What a section's draft changes, and its Save and Discard buttons: one save for many edits. Reports its
 * changes to the page's UnsavedChangesScope, which asks before the page is left with any of them.
 */
export function UnsavedChanges({
  label,
  changes,
  pending,
  invalid,
  onSave,
  onDiscard,
}: {
  /** What is saved, in the buttons' names: "Save lexicon". */
  label: string;
  changes: readonly string[];
  pending: boolean;
  /** A reason the draft cannot be saved yet (shown instead of saving). */
  invalid?: string | undefined;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const dirty = changes.length > 0;
  useReportUnsaved(dirty);
  return (
    <div className={dirty ? "policy-save-bar policy-save-bar-dirty" : "policy-save-bar"}>
      <div className="policy-save-changes" aria-live="polite">
        {dirty ? (
          <>
            <p className="policy-save-title">
              {changes.length} unsaved change{changes.length === 1 ? "" : "s"}
            </p>
            <ul className="policy-change-list">
              {changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">No unsaved changes.</p>
        )}
        {dirty && invalid && <p className="field-error">{invalid}</p>}
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={!dirty || pending} onClick={onDiscard}>
          Discard <span className="sr-only">changes to {label}</span>
        </button>
        <button type="button" className="button button-primary" disabled={!dirty || pending || Boolean(invalid)} onClick={onSave}>
          {pending ? "Saving…" : `Save ${label}`}
        </button>
      </div>
    </div>
  );
}
