import { useId, useState } from "react";
import { PRIORITIES, type Priority } from "../../api/inbox.js";
import type { ConditionField, RoutingActions, RoutingCondition } from "../../api/routing.js";
import { SelectField } from "../../components/SelectField.js";
import { TextField } from "../../components/TextField.js";
import { PRIORITY_LABELS } from "./labels.js";
import { blankCondition, CONDITION_LABELS, type RoutingChoices, type RuleProblem } from "./RoutingChoices.js";
import { RuleConditionEditor } from "./RuleConditionEditor.js";
import type { DraftRule } from "./RuleSummary.js";

interface RuleEditorProps {
  rule: DraftRule;
  choices: RoutingChoices;
  /** The server's (or the page's) complaint about this rule, shown beside the part it names. */
  problem: RuleProblem | null;
  onChange: (rule: DraftRule) => void;
  onDone: () => void;
}

const tagsOf = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** Sets or clears one action: an empty choice means "this rule does not set it". */
function withAction<K extends keyof RoutingActions>(
  actions: RoutingActions,
  key: K,
  value: RoutingActions[K] | "" | undefined,
): RoutingActions {
  const next = { ...actions };
  if (value === "" || value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

/** The form for one rule: its name, its conditions (all must hold) and what it does. */
export function RuleEditor({ rule, choices, problem, onChange, onDone }: RuleEditorProps) {
  const id = useId();
  const [adding, setAdding] = useState<ConditionField>("intent");
  const [tagsText, setTagsText] = useState((rule.actions.tags ?? []).join(", "));
  const errorOn = (part: string) => (problem && problem.part === part ? problem.message : undefined);
  const setActions = (actions: RoutingActions) => onChange({ ...rule, actions });
  const setCondition = (index: number, condition: RoutingCondition) =>
    onChange({ ...rule, conditions: rule.conditions.map((c, i) => (i === index ? condition : c)) });
  const { actions } = rule;
  // A choice the lists no longer hold (a team deleted since) is still shown, so the lead sees what to change.
  const missing = (value: string | undefined, known: { id: string }[], what: string) =>
    value && !known.some((k) => k.id === value) ? <option value={value}>{what} no longer there</option> : null;
  const teams = choices.teams.map((t) => ({ id: t.teamId, name: t.teamName }));

  return (
    <div className="routing-editor">
      <TextField
        label="Rule name"
        value={rule.name}
        maxLength={120}
        required
        className="routing-name"
        error={errorOn("name")}
        onChange={(e) => onChange({ ...rule, name: e.target.value })}
      />

      <section aria-labelledby={`${id}-when`} className="routing-editor-part">
        <h3 id={`${id}-when`}>When all of these hold</h3>
        {rule.conditions.length === 0 && <p className="muted">No conditions: the rule applies to every new conversation.</p>}
        {rule.conditions.map((condition, index) => (
          <RuleConditionEditor
            // Conditions have no id; their place is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={`${index}-${condition.field}`}
            condition={condition}
            name={`condition ${index + 1}`}
            choices={choices}
            error={condition.field === "hours" ? errorOn("conditions") : undefined}
            onChange={(c) => setCondition(index, c)}
            onRemove={() => onChange({ ...rule, conditions: rule.conditions.filter((_, i) => i !== index) })}
          />
        ))}
        {problem?.part === "conditions" && !rule.conditions.some((c) => c.field === "hours") && (
          <p className="field-error">{problem.message}</p>
        )}
        <div className="routing-add">
          <label htmlFor={`${id}-add`} className="sr-only">
            Condition to add
          </label>
          <select
            id={`${id}-add`}
            className="input input-compact"
            value={adding}
            onChange={(e) => setAdding(e.target.value as ConditionField)}
          >
            {Object.entries(CONDITION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange({ ...rule, conditions: [...rule.conditions, blankCondition(adding)] })}
          >
            Add condition
          </button>
        </div>
      </section>

      <section aria-labelledby={`${id}-then`} className="routing-editor-part">
        <h3 id={`${id}-then`}>Then</h3>
        <div className="routing-actions">
          <SelectField
            label="Team"
            value={actions.teamId ?? ""}
            error={errorOn("teamId")}
            onChange={(e) => setActions(withAction(actions, "teamId", e.target.value))}
          >
            <option value="">Leave as is</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {missing(actions.teamId, teams, "A team")}
          </SelectField>
          <SelectField
            label="Agent"
            value={actions.assigneeId ?? ""}
            error={errorOn("assigneeId")}
            hint="Kept only while the agent is available and under capacity."
            onChange={(e) => setActions(withAction(actions, "assigneeId", e.target.value))}
          >
            <option value="">Leave as is</option>
            {choices.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            {missing(actions.assigneeId, choices.agents, "An agent")}
          </SelectField>
          <SelectField
            label="Priority"
            value={actions.priority ?? ""}
            error={errorOn("priority")}
            onChange={(e) => setActions(withAction(actions, "priority", e.target.value as Priority | ""))}
          >
            <option value="">Leave as is</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Add tags"
            hint="Separated by commas."
            value={tagsText}
            error={errorOn("tags")}
            onChange={(e) => {
              setTagsText(e.target.value);
              setActions(withAction(actions, "tags", tagsOf(e.target.value)));
            }}
          />
          <SelectField
            label="Suggested reply"
            value={actions.suggestedReplyId ?? ""}
            error={errorOn("suggestedReplyId")}
            hint={choices.canned.length === 0 ? "No canned replies yet." : "Offered to whoever answers."}
            onChange={(e) => setActions(withAction(actions, "suggestedReplyId", e.target.value))}
          >
            <option value="">None</option>
            {choices.canned.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {missing(actions.suggestedReplyId, choices.canned, "A reply")}
          </SelectField>
          <SelectField
            label="SLA policy"
            value={actions.slaPolicyId ?? ""}
            error={errorOn("slaPolicyId")}
            onChange={(e) => setActions(withAction(actions, "slaPolicyId", e.target.value))}
          >
            <option value="">The team's default</option>
            {choices.policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {missing(actions.slaPolicyId, choices.policies, "A policy")}
          </SelectField>
        </div>
        <label className="checkbox-inline">
          <input type="checkbox" checked={rule.stop} onChange={(e) => onChange({ ...rule, stop: e.target.checked })} /> Stop here: no later
          rule applies when this one matches
        </label>
      </section>
      {problem && problem.part === null && <p className="field-error">{problem.message}</p>}
      <div className="form-actions form-actions-start">
        <button type="button" className="button button-small" onClick={onDone}>
          Done editing
        </button>
      </div>
    </div>
  );
}
