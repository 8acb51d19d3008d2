import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { saveWorkflow, type Workflow, type WorkflowInput, workflowsKey } from "../../../api/approvals.js";
import { auditKey } from "../../../api/audit.js";
import { campaignsKey, fetchCampaigns } from "../../../api/campaigns.js";
import { fetchTeams, teamsKey } from "../../../api/teams.js";
import { fetchUsers, usersKey } from "../../../api/users.js";
import { ErrorMessage } from "../../../components/ErrorMessage.js";
import { Modal } from "../../../components/Modal.js";
import { SelectField } from "../../../components/SelectField.js";
import { TextField } from "../../../components/TextField.js";
import { useToast } from "../../../components/Toasts.js";
import { usePublishableChannels } from "../channels.js";
import { type Candidate, StepEditor } from "./StepEditor.js";

const emptyStep = () => ({ name: "", mode: "any" as const, approvers: [] });

/** Sets the approval workflow of a channel or a campaign (a new one, or `workflow` edited). */
export function WorkflowDialog({ workflow, onClose }: { workflow?: Workflow; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { channels } = usePublishableChannels();
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const users = useQuery({ queryKey: [...usersKey, "list", {}], queryFn: () => fetchUsers() });
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [draft, setDraft] = useState<WorkflowInput>(
    workflow ?? { name: "", scopeType: "account", scopeId: "", expireMinutesBefore: 60, steps: [emptyStep()] },
  );
  const [problem, setProblem] = useState<string>();
  const candidates: Candidate[] = [
    ...(users.data ?? []).filter((u) => !u.disabled).map((u) => ({ type: "user" as const, id: u.id, name: u.name })),
    ...(teams.data ?? []).map((t) => ({ type: "team" as const, id: t.id, name: t.name })),
  ];
  const save = useMutation({
    mutationFn: () => saveWorkflow(draft),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: workflowsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(`Saved workflow ${saved.name}`);
    },
  });
  const change = (changes: Partial<WorkflowInput>) => setDraft((d) => ({ ...d, ...changes }));
  const setStep = (index: number, step: WorkflowInput["steps"][number]) =>
    change({ steps: draft.steps.map((s, i) => (i === index ? step : s)) });

  return (
    <Modal title={workflow ? `Edit ${workflow.name}` : "New approval workflow"} onClose={onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          const empty = draft.steps.findIndex((s) => s.approvers.length === 0);
          if (!draft.scopeId)
            return setProblem(`Choose the ${draft.scopeType === "account" ? "channel" : "campaign"} this workflow is for.`);
          if (empty >= 0) return setProblem(`Step ${empty + 1} needs at least one approver.`);
          setProblem(undefined);
          save.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <TextField label="Workflow name" required value={draft.name} onChange={(e) => change({ name: e.target.value })} />
            <div className="workflow-scope">
              <SelectField
                label="Applies to"
                value={draft.scopeType}
                disabled={Boolean(workflow)}
                onChange={(e) => change({ scopeType: e.target.value as WorkflowInput["scopeType"], scopeId: "" })}
              >
                <option value="account">A channel</option>
                <option value="campaign">A campaign</option>
              </SelectField>
              <SelectField
                label={draft.scopeType === "account" ? "Channel" : "Campaign"}
                value={draft.scopeId}
                disabled={Boolean(workflow)}
                onChange={(e) => change({ scopeId: e.target.value })}
              >
                <option value="">Choose…</option>
                {draft.scopeType === "account"
                  ? channels.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.networkName} · {c.handle}
                      </option>
                    ))
                  : (campaigns.data ?? []).map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
              </SelectField>
            </div>
            <TextField
              label="Approval needed this many minutes before the post goes out"
              type="number"
              min={0}
              max={10080}
              required
              value={String(draft.expireMinutesBefore)}
              onChange={(e) => change({ expireMinutesBefore: Number(e.target.value) })}
              hint="An approval not given by then expires and the post returns to its author as a draft."
            />
            {draft.steps.map((step, index) => (
              <StepEditor
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
                key={index}
                index={index}
                step={step}
                candidates={candidates}
                onChange={(s) => setStep(index, s)}
                onRemove={draft.steps.length > 1 ? () => change({ steps: draft.steps.filter((_, i) => i !== index) }) : undefined}
              />
            ))}
            {draft.steps.length < 10 && (
              <button type="button" className="button button-small" onClick={() => change({ steps: [...draft.steps, emptyStep()] })}>
                Add a step
              </button>
            )}
            {problem && (
              <p className="field-error" role="alert">
                {problem}
              </p>
            )}
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save workflow"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
