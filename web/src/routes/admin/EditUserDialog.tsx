import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { meKey } from "../../api/auth.js";
import type { Role, User } from "../../api/types.js";
import { updateUser, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { RoleCheckboxes } from "./RoleCheckboxes.js";

export function EditUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const save = useMutation({
    mutationFn: () => updateUser(user.id, { name, email, roles }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      // Editing yourself changes what the header and navigation show.
      void queryClient.invalidateQueries({ queryKey: meKey });
      toast(`Saved ${saved.name}`);
    },
  });

  return (
    <Modal title={`Edit ${user.name}`} onClose={onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          save.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <TextField label="Name" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            <TextField label="Email" type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
            <RoleCheckboxes value={roles} onChange={setRoles} />
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save changes"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
