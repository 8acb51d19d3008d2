import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { accountKey, accountsKey, setAccountGrants } from "../../api/accounts.js";
import { auditKey } from "../../api/audit.js";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import type { AccountDetail, GrantPermission } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { useToast } from "../../components/Toasts.js";
import { type DraftGrant, isImplied, minimalPermissions } from "./grants.js";
import { GRANT_PERMISSIONS, PERMISSION_HINTS, PERMISSION_LABELS } from "./labels.js";

const keyOf = (g: { subjectType: string; subjectId: string }) => `${g.subjectType}:${g.subjectId}`;

function GrantEditor({
  grant,
  detail,
  showProblem,
  onChange,
  onRemove,
}: {
  grant: DraftGrant;
  detail: string;
  showProblem: boolean;
  onChange: (permissions: GrantPermission[]) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const empty = grant.permissions.length === 0;
  const toggle = (permission: GrantPermission, on: boolean) =>
    onChange(on ? [...grant.permissions, permission] : grant.permissions.filter((p) => p !== permission));
  return (
    <li>
      <fieldset className="grant-editor" aria-describedby={showProblem && empty ? `${id}-error` : undefined}>
        <legend className="sr-only">{grant.subjectName}</legend>
        <div className="grant-who">
          <span className="member-who" aria-hidden="true">
            <span className="person-name">{grant.subjectName}</span>
            <span className="person-email">{detail}</span>
          </span>
          <button type="button" className="button button-small" aria-label={`Remove ${grant.subjectName}`} onClick={onRemove}>
            Remove
          </button>
        </div>
        <div className="permission-boxes">
          {GRANT_PERMISSIONS.map((permission) => {
            const implied = isImplied(permission, grant.permissions);
            return (
              <label key={permission} className="checkbox checkbox-inline" title={PERMISSION_HINTS[permission]}>
                <input
                  type="checkbox"
                  checked={implied || grant.permissions.includes(permission)}
                  disabled={implied}
                  onChange={(e) => toggle(permission, e.target.checked)}
                />
                {PERMISSION_LABELS[permission]}
              </label>
            );
          })}
        </div>
        {showProblem && empty && (
          <p id={`${id}-error`} className="field-error">
            Choose at least one permission, or remove {grant.subjectName}.
          </p>
        )}
      </fieldset>
    </li>
  );
}

/** Who may view, draft, publish, reply or manage. Saving replaces every grant on the account. */
export function EditAccessDialog({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const toast = useToast();
  const users = useQuery({ queryKey: [...usersKey, { status: "active" }], queryFn: () => fetchUsers({ status: "active" }) });
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [grants, setGrants] = useState<DraftGrant[]>(() =>
    account.grants.map((g) => ({
      subjectType: g.subjectType,
      subjectId: g.subjectId,
      subjectName: g.subjectName,
      permissions: minimalPermissions(g.permissions),
    })),
  );
  const [candidate, setCandidate] = useState("");
  const addSelect = useRef<HTMLSelectElement>(null);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      setAccountGrants(
        account.id,
        grants.map((g) => ({ subjectType: g.subjectType, subjectId: g.subjectId, permissions: minimalPermissions(g.permissions) })),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(accountKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(`Saved access to ${saved.handle}`);
    },
  });

  const taken = new Set(grants.map(keyOf));
  const addableTeams = (teams.data ?? []).filter((t) => !taken.has(`team:${t.id}`));
  const addableUsers = (users.data ?? []).filter((u) => !taken.has(`user:${u.id}`));

  const add = () => {
    const [type, subjectId] = candidate.split(":");
    if (type === "team") {
      const team = addableTeams.find((t) => t.id === subjectId);
      if (team) setGrants((list) => [...list, { subjectType: "team", subjectId: team.id, subjectName: team.name, permissions: ["view"] }]);
    } else {
      const user = addableUsers.find((u) => u.id === subjectId);
      if (user) {
        setGrants((list) => [...list, { subjectType: "user", subjectId: user.id, subjectName: user.name, permissions: ["view"] }]);
      }
    }
    setCandidate("");
  };
  const update = (key: string, permissions: GrantPermission[]) =>
    setGrants((list) => list.map((g) => (keyOf(g) === key ? { ...g, permissions } : g)));
  const remove = (key: string) => {
    setGrants((list) => list.filter((g) => keyOf(g) !== key));
    // Its Remove button is gone: keep focus in the dialog, where the next thing is likely added.
    addSelect.current?.focus();
  };
  const detailOf = (g: DraftGrant) =>
    g.subjectType === "team" ? "Team" : (users.data?.find((u) => u.id === g.subjectId)?.email ?? "Person");

  return (
    <Modal
      title={`Access to ${account.handle}`}
      description="Manage includes everything; draft, publish and reply include view. Saving replaces the access below."
      onClose={onClose}
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          setSubmitted(true);
          if (grants.some((g) => g.permissions.length === 0)) return;
          save.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            {grants.length === 0 ? (
              <p className="muted">Nobody has been granted access. Add a team or a person below.</p>
            ) : (
              <ul className="grant-list">
                {grants.map((grant) => (
                  <GrantEditor
                    key={keyOf(grant)}
                    grant={grant}
                    detail={detailOf(grant)}
                    showProblem={submitted}
                    onChange={(permissions) => update(keyOf(grant), permissions)}
                    onRemove={() => remove(keyOf(grant))}
                  />
                ))}
              </ul>
            )}
            <ErrorMessage error={users.error ?? teams.error} />
            <div className="member-add">
              <div className="field field-grow">
                <label htmlFor={`${id}-add`}>Team or person to add</label>
                <select ref={addSelect} id={`${id}-add`} className="input" value={candidate} onChange={(e) => setCandidate(e.target.value)}>
                  <option value="">Choose a team or a person…</option>
                  {addableTeams.length > 0 && (
                    <optgroup label="Teams">
                      {addableTeams.map((t) => (
                        <option key={t.id} value={`team:${t.id}`}>
                          {t.name}
                        </option>
                      ))}
                    </optgroup>
                  )}
                  {addableUsers.length > 0 && (
                    <optgroup label="People">
                      {addableUsers.map((u) => (
                        <option key={u.id} value={`user:${u.id}`}>
                          {u.name} ({u.email})
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
              </div>
              <button type="button" className="button" disabled={!candidate} onClick={add}>
                Add
              </button>
            </div>
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save access"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
