import type { ApproverRef, WorkflowStep } from "../../../api/approvals.js";
import { SelectField } from "../../../components/SelectField.js";
import { TextField } from "../../../components/TextField.js";

export interface Candidate extends ApproverRef {
  name: string;
}

const same = (a: ApproverRef, b: ApproverRef) => a.type === b.type && a.id === b.id;

/** One step of a workflow: its name, any/all, and who approves (people and teams). */
export function StepEditor({
  index,
  step,
  candidates,
  onChange,
  onRemove,
}: {
  index: number;
  step: WorkflowStep;
  candidates: Candidate[];
  onChange: (step: WorkflowStep) => void;
  onRemove?: (() => void) | undefined;
}) {
  const toggle = (c: Candidate, on: boolean) =>
    onChange({
      ...step,
      approvers: on ? [...step.approvers, { type: c.type, id: c.id }] : step.approvers.filter((a) => !same(a, c)),
    });
  return (
    <fieldset className="workflow-step">
      <legend>Step {index + 1}</legend>
      <div className="workflow-step-fields">
        <TextField label="Name" required value={step.name} onChange={(e) => onChange({ ...step, name: e.target.value })} />
        <SelectField
          label="Who must approve"
          value={step.mode}
          onChange={(e) => onChange({ ...step, mode: e.target.value as WorkflowStep["mode"] })}
        >
          <option value="any">Any one of them</option>
          <option value="all">All of them</option>
        </SelectField>
      </div>
      <fieldset className="approver-picker">
        <legend className="sr-only">Approvers of step {index + 1}</legend>
        {candidates.map((c) => (
          <label key={`${c.type}:${c.id}`} className="checkbox">
            <input type="checkbox" checked={step.approvers.some((a) => same(a, c))} onChange={(e) => toggle(c, e.target.checked)} />
            {c.name}
            {c.type === "team" && <span className="muted"> (team)</span>}
          </label>
        ))}
      </fieldset>
      {onRemove && (
        <button type="button" className="button button-small button-danger-quiet" onClick={onRemove}>
          Remove step {index + 1}
        </button>
      )}
    </fieldset>
  );
}
