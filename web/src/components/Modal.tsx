import { type ReactNode, useEffect, useId, useRef } from "react";

interface ModalProps {
  title: string;
  description?: ReactNode;
  /** Called after the dialog closed (Escape, Cancel, or `close()` on success). */
  onClose: () => void;
  children: (close: () => void) => ReactNode;
  size?: "small" | "medium";
}

/**
 * A native modal <dialog>: the browser traps focus, closes on Escape and puts
 * focus back where it was. Mount it to open it; it unmounts through onClose.
 */
export function Modal({ title, description, onClose, children, size = "medium" }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const close = () => ref.current?.close();

  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
    >
      <div className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {description && (
        <p id={descriptionId} className="modal-description">
          {description}
        </p>
      )}
      <div className="modal-body">{children(close)}</div>
    </dialog>
  );
}
