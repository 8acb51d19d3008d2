import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { accountsKey, fetchAccounts } from "../../api/accounts.js";
import { offboardingKey, offboardingsKey, offboardUser } from "../../api/offboardings.js";
import { teamsKey } from "../../api/teams.js";
import type { User } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { SelectField } from "../../components/SelectField.js";
import { useToast } from "../../components/Toasts.js";

/** Everything a leaving person had, revoked in one step; the result page then lists what is left to do on the networks. */
export function OffboardDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const ownedFilter = { ownerId: user.id };
  const owned = useQuery({ queryKey: [...accountsKey, "list", ownedFilter], queryFn: () => fetchAccounts(ownedFilter) });
  const active = { status: "active" as const };
  const users = useQuery({ queryKey: [...usersKey, active], queryFn: () => fetchUsers(active) });
  const successors = (users.data ?? []).filter((u) => u.id !== user.id);
  const [successorId, setSuccessorId] = useState("");
  const [problem, setProblem] = useState<string>();
  const ownsAccounts = (owned.data?.length ?? 0) > 0;

  const offboard = useMutation({
    mutationFn: () => offboardUser(user.id, successorId || null),
    onSuccess: async (result) => {
      queryClient.setQueryData(offboardingKey(result.id), result);
      for (const key of [usersKey, teamsKey, accountsKey, offboardingsKey]) void queryClient.invalidateQueries({ queryKey: key });
      toast(`Offboarded ${user.name}`);
      await navigate(`/admin/offboardings/${result.id}`);
    },
  });

  return (
    <Modal
      title={`Offboard ${user.name}`}
      description={`Use this when ${user.email} leaves. It happens at once, in one step:`}
      onClose={onClose}
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          const missing = ownsAccounts && !successorId ? `Choose who takes over the accounts ${user.name} owns.` : undefined;
          setProblem(missing);
          if (!missing) offboard.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <ul className="effects-list">
              <li className="effect-item">They are signed out everywhere, their API tokens stop working and their user is disabled.</li>
              <li className="effect-item">Their access to accounts is revoked and they are taken off their teams.</li>
              <li className="effect-item">The accounts they own pass to the successor you choose.</li>
              <li className="effect-item">
                You then get a checklist of what to remove by hand on each network they could reach: admin roles, passwords they knew and
                two-factor devices are out of Switchboard’s reach.
              </li>
            </ul>
            <div className="notice">
              {owned.isPending && <p className="muted">Checking which accounts they own…</p>}
              {owned.data && !ownsAccounts && <p>{user.name} owns no accounts.</p>}
              {owned.data && ownsAccounts && (
                <>
                  <p>
                    {user.name} owns {owned.data.length === 1 ? "1 account" : `${owned.data.length} accounts`}:
                  </p>
                  <ul className="owned-list">
                    {owned.data.map((a) => (
                      <li key={a.id} className="owned-item">
                        {a.networkName} <strong>{a.handle}</strong>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <ErrorMessage error={owned.error} />
            </div>
            <SelectField
              label="Successor"
              aria-required={ownsAccounts}
              value={successorId}
              onChange={(e) => {
                setSuccessorId(e.target.value);
                setProblem(undefined);
              }}
              hint="Takes over the accounts they own. Only active users can."
              error={problem}
            >
              <option value="">{ownsAccounts ? "Choose a person…" : "Nobody (they own no accounts)"}</option>
              {successors.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </SelectField>
            <ErrorMessage error={offboard.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-danger" disabled={offboard.isPending || owned.isPending}>
                {offboard.isPending ? "Offboarding…" : `Offboard ${user.name}`}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
