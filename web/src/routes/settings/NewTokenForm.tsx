import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { createToken, tokensKey } from "../../api/tokens.js";
import type { Permission } from "../../api/types.js";
import { useCurrentUser } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { TextField } from "../../components/TextField.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

const EXPIRY_CHOICES = [
  { days: "30", label: "30 days" },
  { days: "90", label: "90 days" },
  { days: "365", label: "1 year" },
  { days: "", label: "Never" },
];

/** A token may only carry permissions its owner has, so those are the choices. */
export function NewTokenForm({ onCreated }: { onCreated: (token: string) => void }) {
  const { permissions } = useCurrentUser();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [expiresInDays, setExpiresInDays] = useState("90");
  const [submitted, setSubmitted] = useState(false);
  const scopeProblem = submitted && scopes.length === 0;
  const create = useMutation({
    mutationFn: () => createToken({ name, scopes, ...(expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}) }),
    onSuccess: ({ token }) => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      setName("");
      setScopes([]);
      setSubmitted(false);
      onCreated(token);
    },
  });
  const createOnce = useMutateOnce(create);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (scopes.length > 0) createOnce();
  };
  const toggle = (scope: Permission, on: boolean) => setScopes((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));

  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create a token</h2>
      <TextField
        label="Token name"
        required
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint="What uses it, e.g. “Nightly report script”."
      />
      <fieldset className="fieldset" aria-describedby={scopeProblem ? `${id}-scope-error` : undefined}>
        <legend>Scopes</legend>
        <div className="checkbox-grid">
          {permissions.map((permission) => (
            <label key={permission} className="checkbox">
              <input type="checkbox" checked={scopes.includes(permission)} onChange={(e) => toggle(permission, e.target.checked)} />
              <code>{permission}</code>
            </label>
          ))}
        </div>
        {scopeProblem && (
          <p id={`${id}-scope-error`} className="field-error">
            Choose at least one scope.
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-expiry`}>Expires after</label>
        <select id={`${id}-expiry`} className="input input-narrow" value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.label} value={choice.days}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={create.error} />
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}
