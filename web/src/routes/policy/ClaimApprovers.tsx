import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  type ClaimApprovers as Approvers,
  CLAIM_KINDS,
  type ClaimKind,
  type PolicyView,
  policyKey,
  saveClaimApprovers,
} from "../../api/policy.js";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { CLAIM_LABELS } from "./labels.js";
import { UnsavedChanges } from "./UnsavedChanges.js";

const NONE = "No approval needed";

/** Which team must approve a post making each kind of claim; saved together. */
export function ClaimApprovers({ policy, canManage }: { policy: PolicyView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [draft, setDraft] = useState<Approvers | null>(null);
  const approvers = draft ?? policy.claimApprovers;
  const teamName = (id: string | undefined) => (id ? (teams.data?.find((t) => t.id === id)?.name ?? "(removed team)") : NONE);
  const changes = draft
    ? CLAIM_KINDS.filter((k) => draft[k] !== policy.claimApprovers[k]).map(
        (k) => `${CLAIM_LABELS[k].title}: ${teamName(draft[k])} (was ${teamName(policy.claimApprovers[k]).toLowerCase()})`,
      )
    : [];
  const save = useMutation({
    mutationFn: (body: Approvers) => saveClaimApprovers(body),
    onSuccess: (view) => {
      queryClient.setQueryData(policyKey, view);
      setDraft(null);
      toast("Saved claim approvers");
    },
  });
  const choose = (kind: ClaimKind, teamId: string) => {
    const next = { ...approvers };
    if (teamId) next[kind] = teamId;
    else delete next[kind];
    setDraft(next);
  };

  return (
    <>
      <ErrorMessage error={teams.error} title="The teams could not be loaded" />
      <div className="table-wrap">
        <table className="table policy-claims">
          <caption className="sr-only">Claim approvers</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Approved by</th>
            </tr>
          </thead>
          <tbody>
            {CLAIM_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  <span className="policy-pack-name">{CLAIM_LABELS[kind].title}</span>
                  <span className="policy-pack-summary">e.g. {CLAIM_LABELS[kind].example}</span>
                </th>
                <td>
                  {canManage ? (
                    <select
                      className="input input-compact"
                      aria-label={`Team that approves ${CLAIM_LABELS[kind].title.toLowerCase()}`}
                      value={approvers[kind] ?? ""}
                      onChange={(e) => choose(kind, e.target.value)}
                    >
                      <option value="">{NONE}</option>
                      {approvers[kind] && !teams.data?.some((t) => t.id === approvers[kind]) && (
                        <option value={approvers[kind]}>{teamName(approvers[kind])}</option>
                      )}
                      {teams.data?.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className={approvers[kind] ? undefined : "muted"}>{teamName(approvers[kind])}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && teams.data?.length === 0 && (
        <p className="field-hint">There are no teams yet: create one under Admin → Teams to have it approve claims.</p>
      )}
      {canManage && (
        <UnsavedChanges
          label="claim approvers"
          changes={changes}
          pending={save.isPending}
          onSave={() => save.mutate(approvers)}
          onDiscard={() => {
            setDraft(null);
            save.reset();
          }}
        />
      )}
      <ErrorMessage error={save.error} title="The claim approvers were not saved" />
    </>
  );
}
