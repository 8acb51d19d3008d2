import type { ReactNode } from "react";
import { ErrorMessage } from "./ErrorMessage.js";
import { Modal } from "./Modal.js";

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Resolves when done (the dialog then closes); throws to keep it open and show the error. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  danger?: boolean;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, pending, error, danger = false }: ConfirmDialogProps) {
  return (
    <Modal title={title} onClose={onClose} size="small">
      {(close) => (
        <>
          <div className="confirm-text">{children}</div>
          <ErrorMessage error={error} />
          <div className="form-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className={danger ? "button button-danger" : "button button-primary"}
              disabled={pending}
              onClick={() => onConfirm().then(close, () => undefined)}
            >
              {pending ? "Working…" : confirmLabel}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
