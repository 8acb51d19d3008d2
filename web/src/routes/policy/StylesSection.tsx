import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { type PolicyView, policyKey, removeStyle, uploadStyles } from "../../api/policy.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";

const MAX_ZIP_BYTES = 5 * 1024 * 1024;

/** Upload a zip of Vale style folders, see which loaded, which rules did not and why, and remove a style. */
export function StylesSection({ policy, canManage }: { policy: PolicyView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [removing, setRemoving] = useState<string>();
  const { names, errors, unsupported } = policy.styles;
  const tooBig = file && file.size > MAX_ZIP_BYTES ? "That file is larger than 5 MB." : undefined;
  const upload = useMutation({
    mutationFn: (zip: File) => uploadStyles(zip),
    onSuccess: (view) => {
      const added = view.styles.names.filter((n) => !names.includes(n));
      queryClient.setQueryData(policyKey, view);
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
      toast(added.length > 0 ? `Loaded ${added.join(", ")}` : "Styles replaced");
    },
  });
  const remove = useMutation({
    mutationFn: (name: string) => removeStyle(name),
    onSuccess: (view, name) => {
      queryClient.setQueryData(policyKey, view);
      toast(`Removed ${name}`);
    },
  });

  return (
    <>
      {canManage && (
        <form
          className="policy-upload"
          onSubmit={(e) => {
            e.preventDefault();
            if (file && !tooBig) upload.mutate(file);
          }}
        >
          <div className="field">
            <label htmlFor={inputId}>Style archive (.zip)</label>
            <input
              ref={fileInput}
              id={inputId}
              type="file"
              className="input input-file"
              accept=".zip,application/zip,application/x-zip-compressed"
              aria-describedby={`${inputId}-hint`}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                upload.reset();
              }}
            />
            <p id={`${inputId}-hint`} className="field-hint">
              A zip of one or more style folders (<code>write-good/Passive.yml</code>), up to 5 MB. A style with the same name is replaced.
            </p>
            {tooBig && <p className="field-error">{tooBig}</p>}
          </div>
          <div className="form-actions form-actions-start">
            <button type="submit" className="button button-primary" disabled={!file || Boolean(tooBig) || upload.isPending}>
              {upload.isPending ? "Uploading…" : "Upload styles"}
            </button>
          </div>
          <ErrorMessage error={upload.error} title="The styles were not loaded" />
        </form>
      )}

      <h3 className="subheading">Loaded styles</h3>
      {names.length === 0 ? (
        <p className="muted">No Vale styles yet: only the built-in packs run.</p>
      ) : (
        <ul className="policy-style-list" aria-label="Loaded styles">
          {names.map((name) => {
            const count = policy.rules.filter((r) => r.source === name).length;
            return (
              <li key={name}>
                <span>
                  <strong>{name}</strong>{" "}
                  <span className="muted">
                    {count} rule{count === 1 ? "" : "s"}
                  </span>
                </span>
                {canManage && (
                  <button type="button" className="button button-small button-danger-quiet" onClick={() => setRemoving(name)}>
                    Remove <span className="sr-only">{name}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {errors.length > 0 && (
        <div className="alert alert-warning policy-style-problems">
          <p className="alert-title">
            {errors.length} rule{errors.length === 1 ? "" : "s"} did not load
          </p>
          <p>The rest of each style runs. Fix these files and upload the style again.</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Rules that did not load</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Line</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e) => (
                  <tr key={`${e.file}:${e.line}:${e.column}:${e.message}`}>
                    <th scope="row">
                      <code className="break-anywhere">{e.file}</code>
                    </th>
                    <td className="cell-nowrap">
                      {e.line}:{e.column}
                    </td>
                    <td className="break-anywhere">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {unsupported.length > 0 && (
        <div className="alert policy-alert-info policy-style-problems">
          <p className="alert-title">Rules Switchboard does not run</p>
          <p>These rule types are not supported, so these rules are skipped:</p>
          <ul className="policy-unsupported">
            {unsupported.map((u) => (
              <li key={`${u.file}:${u.rule}`}>
                <code>{u.rule}</code> <span className="muted">({u.extends})</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {removing && (
        <ConfirmDialog
          title={`Remove ${removing}?`}
          confirmLabel="Remove style"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync(removing)}
          onClose={() => {
            setRemoving(undefined);
            remove.reset();
          }}
        >
          <p>Its rules stop running on posts, replies and shares at once. Its settings stay, in case you upload it again.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
