import { useEffect, useId, useRef, useState } from "react";

/** The secret, shown this one time (the server keeps only its hash). */
export function CreatedTokenNotice({ token, onDone }: { token: string; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): the text is selected for Ctrl+C instead.
      input.current?.select();
      setCopied("failed");
    }
  };

  return (
    <section className="card token-notice" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your new API token</h2>
      <p className="alert alert-warning">Copy it now and store it somewhere safe. You will not be able to see it again.</p>
      <div className="field">
        <label htmlFor={`${id}-token`}>New API token</label>
        <div className="copy-row">
          <input id={`${id}-token`} ref={input} className="input input-mono" readOnly value={token} />
          <button type="button" className="button button-primary" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p className="field-hint" role="status">
          {copied === "yes" && "Copied to the clipboard."}
          {copied === "failed" && "Copying was not allowed; the token is selected, press Ctrl+C (⌘C) to copy it."}
        </p>
      </div>
      <p className="field-hint">
        Send it as <code>Authorization: Bearer …</code>.
      </p>
      <div className="form-actions form-actions-start">
        <button type="button" className="button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
