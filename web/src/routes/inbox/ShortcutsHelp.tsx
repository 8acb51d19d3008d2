import { Modal } from "../../components/Modal.js";

export const SHORTCUTS: { keys: string[]; what: string; work?: boolean }[] = [
  { keys: ["j"], what: "Next conversation" },
  { keys: ["k"], what: "Previous conversation" },
  { keys: ["Enter", "o"], what: "Open the highlighted conversation" },
  { keys: ["e"], what: "Resolve (reopen a resolved one); with rows selected, resolve them all", work: true },
  { keys: ["a"], what: "Assign to me; with rows selected, assign them all to me", work: true },
  { keys: ["p"], what: "Next priority (low, normal, high, urgent)", work: true },
  { keys: ["n"], what: "Write an internal note", work: true },
  { keys: ["x"], what: "Select the highlighted conversation for a bulk action", work: true },
  { keys: ["/"], what: "Go to the filters" },
  { keys: ["?"], what: "Show these shortcuts" },
  { keys: ["Esc"], what: "Leave the note box or close this window" },
];

/** The "?" overlay: every triage shortcut. They never fire while typing in a field. */
export function ShortcutsHelp({ canWork, onClose }: { canWork: boolean; onClose: () => void }) {
  return (
    <Modal
      title="Keyboard shortcuts"
      description="They work anywhere on the inbox page, except while you type in a field."
      onClose={onClose}
    >
      {(close) => (
        <>
          <dl className="shortcut-list">
            {SHORTCUTS.filter((s) => canWork || !s.work).map((s) => (
              <div key={s.what} className="shortcut">
                <dt>
                  {s.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && <span className="muted"> or </span>}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
          <div className="form-actions">
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
