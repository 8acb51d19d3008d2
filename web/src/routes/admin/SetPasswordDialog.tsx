import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { User } from "../../api/types.js";
import { setUserPassword } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { NewPasswordFields } from "../../components/NewPasswordFields.js";
import { useToast } from "../../components/Toasts.js";
import { checkNewPassword, hasProblems, type NewPasswordProblems } from "../../lib/passwords.js";

export function SetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const toast = useToast();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  const save = useMutation({
    mutationFn: () => setUserPassword(user.id, password),
    onSuccess: () => toast(`New password set for ${user.name}. Their sessions were signed out.`),
  });

  return (
    <Modal
      title={`Set a new password for ${user.name}`}
      description="They will be signed out everywhere and sign in again with this password. Share it with them safely."
      onClose={onClose}
      size="small"
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          const found = checkNewPassword(password, confirm);
          setProblems(found);
          if (!hasProblems(found)) save.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <NewPasswordFields
              label="New password"
              password={password}
              confirm={confirm}
              onPasswordChange={setPassword}
              onConfirmChange={setConfirm}
              problems={problems}
            />
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Set password"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
