import { useId } from "react";
import { CopyField } from "../../components/CopyField.js";

/** The secret, shown this one time (the server keeps only its hash). */
export function CreatedTokenNotice({ token, onDone }: { token: string; onDone: () => void }) {
  const id = useId();
  return (
    <section className="card token-notice" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your new API token</h2>
      <p className="alert alert-warning">Copy it now and store it somewhere safe. You will not be able to see it again.</p>
      <CopyField label="New API token" value={token} selectOnMount />
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
