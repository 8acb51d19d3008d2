import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { changeOwnPassword } from "../../api/auth.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { NewPasswordFields } from "../../components/NewPasswordFields.js";
import { PageHeader } from "../../components/PageHeader.js";
import { TextField } from "../../components/TextField.js";
import { checkNewPassword, hasProblems, type NewPasswordProblems } from "../../lib/passwords.js";

export function PasswordPage() {
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  const change = useMutation({
    mutationFn: () => changeOwnPassword(current, password),
    onSuccess: () => {
      setCurrent("");
      setPassword("");
      setConfirm("");
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirm);
    setProblems(found);
    if (!hasProblems(found)) change.mutate();
  };

  return (
    <>
      <PageHeader title="Password" description="Change the password you sign in with. Your other sessions will be signed out." />
      <form className="form card form-narrow" onSubmit={submit}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <NewPasswordFields
          label="New password"
          password={password}
          confirm={confirm}
          onPasswordChange={setPassword}
          onConfirmChange={setConfirm}
          problems={problems}
        />
        <ErrorMessage error={change.error} />
        <div role="status" className="form-status">
          {change.isSuccess && <p className="alert alert-ok">Your password was changed. Other sessions were signed out.</p>}
        </div>
        <div className="form-actions form-actions-start">
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {change.isPending ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </>
  );
}
