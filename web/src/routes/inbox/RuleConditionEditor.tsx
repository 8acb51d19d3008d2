import { useId } from "react";
import type { RoutingCondition } from "../../api/routing.js";
import { CONDITION_LABELS, optionsFor, type RoutingChoices } from "./RoutingChoices.js";

interface RuleConditionEditorProps {
  condition: RoutingCondition;
  /** "Condition 2", to tell a screen reader which one its controls belong to. */
  name: string;
  choices: RoutingChoices;
  error?: string | undefined;
  onChange: (condition: RoutingCondition) => void;
  onRemove: () => void;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;
const zones = (() => {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
})();

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
/** One word or phrase per line; blank lines dropped (the server refuses empty values). */
const linesOf = (text: string) => text.split("\n").map((line) => line.trim());

/** One condition: the right input for its type (boxes to tick, phrases, or an hour window in a zone). */
export function RuleConditionEditor({ condition, name, choices, error, onChange, onRemove }: RuleConditionEditorProps) {
  const id = useId();
  const title = CONDITION_LABELS[condition.field];
  return (
    <fieldset className="routing-condition" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {title}
        <span className="sr-only"> ({name})</span>
      </legend>
      {condition.field === "hours" ? (
        <div className="routing-hours">
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <select
              id={`${id}-from`}
              className="input input-compact"
              value={condition.from}
              onChange={(e) => onChange({ ...condition, from: Number(e.target.value) })}
            >
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {hour(h)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Until</label>
            <select
              id={`${id}-to`}
              className="input input-compact"
              value={condition.to}
              onChange={(e) => onChange({ ...condition, to: Number(e.target.value) })}
            >
              {[...HOURS.slice(1), 24].map((h) => (
                <option key={h} value={h}>
                  {hour(h)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor={`${id}-zone`}>Time zone</label>
            <input
              id={`${id}-zone`}
              className="input input-compact"
              list={`${id}-zones`}
              value={condition.timeZone}
              onChange={(e) => onChange({ ...condition, timeZone: e.target.value })}
            />
            <datalist id={`${id}-zones`}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
          <p className="field-hint routing-wide">
            {condition.from > condition.to ? "Wraps past midnight (out of hours). " : ""}A message arriving from the first hour up to the
            second matches.
          </p>
        </div>
      ) : (
        <ValuesInput condition={condition} choices={choices} id={id} onChange={onChange} />
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <button type="button" className="button button-small button-danger-quiet routing-remove" onClick={onRemove}>
        Remove<span className="sr-only"> condition {title}</span>
      </button>
    </fieldset>
  );
}

function ValuesInput({
  condition,
  choices,
  id,
  onChange,
}: {
  condition: Extract<RoutingCondition, { values: string[] }>;
  choices: RoutingChoices;
  id: string;
  onChange: (condition: RoutingCondition) => void;
}) {
  const options = optionsFor(condition.field, choices);
  if (!options) {
    const text = condition.field === "text";
    return (
      <div className="field routing-wide">
        <label htmlFor={`${id}-values`}>
          {text ? "Any of these words or phrases (one a line, case ignored)" : "Any of these handles or network ids (one a line)"}
        </label>
        <textarea
          id={`${id}-values`}
          className="input"
          rows={Math.min(6, Math.max(2, condition.values.length + 1))}
          value={condition.values.join("\n")}
          onChange={(e) => onChange({ ...condition, values: linesOf(e.target.value) })}
          onBlur={() => onChange({ ...condition, values: condition.values.filter(Boolean) })}
        />
      </div>
    );
  }
  // A value no longer offered (a channel removed since) stays visible, so it can be unticked.
  const known = new Set(options.map((o) => o.value));
  const shown = [...options, ...condition.values.filter((v) => !known.has(v)).map((v) => ({ value: v, label: `${v} (no longer listed)` }))];
  return (
    <div className="inbox-settings-choices routing-wide">
      {shown.length === 0 && <p className="muted">Nothing to choose from yet.</p>}
      {shown.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={condition.values.includes(o.value)}
            onChange={() => onChange({ ...condition, values: toggle(condition.values, o.value) })}
          />{" "}
          {o.label}
        </label>
      ))}
    </div>
  );
}
