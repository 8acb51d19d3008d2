import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Role } from "../../api/types.js";
import { createUser, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { MIN_PASSWORD_LENGTH } from "../../lib/passwords.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";
import { RoleCheckboxes } from "./RoleCheckboxes.js";

export function NewUserDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState("");
  const [passwordProblem, setPasswordProblem] = useState<string>();
  const create = useMutation({
    mutationFn: () => createUser({ name, email, roles, ...(password ? { password } : {}) }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      toast(`Created ${user.name} (${user.email})`);
    },
  });
  const createOnce = useMutateOnce(create);

  return (
    <Modal title="New user" onClose={onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          const problem = password && password.length < MIN_PASSWORD_LENGTH ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : undefined;
          setPasswordProblem(problem);
          if (!problem) createOnce(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <TextField label="Name" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            <TextField label="Email" type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
            <RoleCheckboxes value={roles} onChange={setRoles} />
            <TextField
              label="Initial password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={`Optional. At least ${MIN_PASSWORD_LENGTH} characters; share it with the person safely. Without one, they cannot sign in until you set a password.`}
              error={passwordProblem}
            />
            <ErrorMessage error={create.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Create user"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
