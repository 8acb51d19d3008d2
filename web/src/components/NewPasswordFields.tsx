import { MIN_PASSWORD_LENGTH, type NewPasswordProblems } from "../lib/passwords.js";
import { TextField } from "./TextField.js";

interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  problems: NewPasswordProblems;
  label?: string;
}

/** A new password typed twice, with the length rule stated up front. */
export function NewPasswordFields({
  password,
  confirm,
  onPasswordChange,
  onConfirmChange,
  problems,
  label = "Password",
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => onPasswordChange(e.target.value)}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A passphrase of a few words works well.`}
        error={problems.password}
      />
      <TextField
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => onConfirmChange(e.target.value)}
        error={problems.confirm}
      />
    </>
  );
}
