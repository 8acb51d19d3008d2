import { useEffect, useId, useRef, useState } from "react";

interface CopyFieldProps {
  label: string;
  value: string;
  /** Focus and select the text at once (a secret shown one time). */
  selectOnMount?: boolean;
}

/** A read-only value with a Copy button; when the browser refuses the clipboard, the text is selected for Ctrl+C instead. */
export function CopyField({ label, value, selectOnMount = false }: CopyFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  useEffect(() => {
    if (!selectOnMount) return;
    input.current?.focus();
    input.current?.select();
  }, [selectOnMount]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused (permissions, insecure origin).
      input.current?.select();
      setCopied("failed");
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} className="input input-mono" readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="field-hint" role="status">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "failed" && "Copying was not allowed; the text is selected, press Ctrl+C (⌘C) to copy it."}
      </p>
    </div>
  );
}
