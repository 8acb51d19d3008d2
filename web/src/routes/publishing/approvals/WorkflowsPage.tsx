import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { deleteWorkflow, fetchWorkflows, type Workflow, workflowsKey } from "../../../api/approvals.js";
import { campaignsKey, fetchCampaigns } from "../../../api/campaigns.js";
import { ConfirmDialog } from "../../../components/ConfirmDialog.js";
import { EmptyState } from "../../../components/EmptyState.js";
import { ErrorMessage } from "../../../components/ErrorMessage.js";
import { Loading } from "../../../components/Loading.js";
import { PageHeader } from "../../../components/PageHeader.js";
import { useToast } from "../../../components/Toasts.js";
import { usePublishableChannels } from "../channels.js";
import { WorkflowDialog } from "./WorkflowDialog.js";
import "./approvals.css";

/** /publishing/workflows: who must approve posts on each channel and in each campaign. */
export function WorkflowsPage() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const workflows = useQuery({ queryKey: workflowsKey, queryFn: fetchWorkflows });
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns });
  const { channels } = usePublishableChannels();
  const [editing, setEditing] = useState<Workflow | "new">();
  const [removing, setRemoving] = useState<Workflow>();
  const remove = useMutation({
    mutationFn: (w: Workflow) => deleteWorkflow(w.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workflowsKey });
      toast("Workflow removed");
    },
  });
  const scopeName = (w: Workflow) => {
    if (w.scopeType === "campaign") return `Campaign: ${campaigns.data?.find((c) => c.id === w.scopeId)?.name ?? "(removed)"}`;
    const c = channels.find((a) => a.id === w.scopeId);
    return c ? `${c.networkName} · ${c.handle}` : "(channel removed)";
  };
  const newButton = (
    <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
      New workflow
    </button>
  );
  return (
    <>
      <p className="back-link">
        <Link to="/publishing">
          <span aria-hidden="true">← </span>Publishing
        </Link>
      </p>
      <PageHeader
        title="Approval workflows"
        description="Who signs off before a post goes out on a channel or in a campaign. Nobody approves their own post; an edit after approval sends it back."
        actions={newButton}
      />
      {workflows.isPending && <Loading label="Loading workflows…" />}
      <ErrorMessage error={workflows.error} title="The workflows could not be loaded" />
      {workflows.data?.length === 0 && (
        <EmptyState title="No approval workflows yet">
          <p className="empty-state-text">
            Without a workflow, posts by people who may publish to a channel go out as scheduled, and posts by people who may only draft
            wait for a sign-off by someone who may publish there.
          </p>
          <div className="empty-state-actions">{newButton}</div>
        </EmptyState>
      )}
      {workflows.data && workflows.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Approval workflows</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Applies to</th>
                <th scope="col">Steps</th>
                <th scope="col">Deadline</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {workflows.data.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{w.name}</th>
                  <td>{scopeName(w)}</td>
                  <td>
                    <ol className="workflow-step-summary">
                      {w.steps.map((s) => (
                        <li key={s.name}>
                          {s.name}{" "}
                          <span className="muted">
                            ({s.mode === "all" ? "all" : "any"} of {s.approvers.length})
                          </span>
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td className="cell-nowrap">{w.expireMinutesBefore} min before</td>
                  <td className="cell-actions">
                    <button type="button" className="button button-small" onClick={() => setEditing(w)}>
                      Edit <span className="sr-only">{w.name}</span>
                    </button>{" "}
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => setRemoving(w)}>
                      Remove <span className="sr-only">{w.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <WorkflowDialog {...(editing === "new" ? {} : { workflow: editing })} onClose={() => setEditing(undefined)} />}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove workflow"
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync(removing)}
          onClose={() => setRemoving(undefined)}
        >
          <p>New posts on {scopeName(removing)} will no longer need these steps. Posts already under review keep them.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
