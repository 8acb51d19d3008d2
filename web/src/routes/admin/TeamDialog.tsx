import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { createTeam, type TeamInput, teamsKey, updateTeam } from "../../api/teams.js";
import type { Team, TeamMemberRole } from "../../api/types.js";
import { usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { type DraftMember, MembersEditor } from "./MembersEditor.js";

/** Creates a team, or edits one when `team` is given. */
export function TeamDialog({ team, onClose }: { team?: Team; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const descriptionId = useId();
  const [name, setName] = useState(team?.name ?? "");
  const [description, setDescription] = useState(team?.description ?? "");
  const [members, setMembers] = useState<DraftMember[]>(team?.members.map((m) => ({ ...m, role: m.role as TeamMemberRole })) ?? []);
  const save = useMutation({
    mutationFn: () => {
      const input: TeamInput = { name, description, members: members.map(({ userId, role }) => ({ userId, role })) };
      return team ? updateTeam(team.id, input) : createTeam(input);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: teamsKey });
      // A user's list of teams changed too.
      void queryClient.invalidateQueries({ queryKey: usersKey });
      toast(team ? `Saved team ${saved.name}` : `Created team ${saved.name}`);
    },
  });

  return (
    <Modal title={team ? `Edit ${team.name}` : "New team"} onClose={onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          save.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <TextField label="Team name" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            <div className="field">
              <label htmlFor={descriptionId}>Description</label>
              <textarea
                id={descriptionId}
                className="input"
                rows={3}
                maxLength={2000}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </div>
            <MembersEditor members={members} onChange={setMembers} />
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : team ? "Save team" : "Create team"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
