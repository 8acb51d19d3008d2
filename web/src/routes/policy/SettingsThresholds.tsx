import { useState } from "react";
import { LEVELS, type Level, type PolicySettings } from "../../api/policy.js";
import { SelectField } from "../../components/SelectField.js";
import { TextField } from "../../components/TextField.js";

const MIN_LEVEL_LABELS: Record<Level, string> = {
  suggestion: "Everything",
  warning: "Warnings and errors",
  error: "Errors only",
};

/** A whole-number field that lets the person clear it while typing; only numbers in range reach the draft. */
function WholeNumberField({
  label,
  value,
  min,
  max,
  disabled,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  disabled: boolean;
  onChange: (n: number) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(value);
  const n = Number(shown);
  const error = shown.trim() === "" || !Number.isInteger(n) || n < min || n > max ? `A whole number from ${min} to ${max}.` : undefined;
  return (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={shown}
      disabled={disabled}
      error={error}
      onChange={(e) => {
        setText(e.target.value);
        const next = Number(e.target.value);
        if (e.target.value.trim() !== "" && Number.isInteger(next) && next >= min && next <= max) onChange(next);
      }}
      onBlur={() => setText(null)}
    />
  );
}

type Thresholds = Pick<PolicySettings, "minLevel" | "maxHashtags" | "readabilityAge" | "guideUrl">;

/** The few numbers the packs take, edited in the same draft as the packs. */
export function SettingsThresholds({
  settings,
  readOnly,
  onChange,
}: {
  settings: PolicySettings;
  readOnly: boolean;
  onChange: (next: Partial<Thresholds>) => void;
}) {
  return (
    <div className="form-grid policy-thresholds">
      <SelectField
        label="Show findings"
        value={settings.minLevel}
        disabled={readOnly}
        onChange={(e) => onChange({ minLevel: e.target.value as Level })}
      >
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {MIN_LEVEL_LABELS[l]}
          </option>
        ))}
      </SelectField>
      <WholeNumberField
        label="Most hashtags in a post"
        min={0}
        max={30}
        value={settings.maxHashtags}
        disabled={readOnly}
        onChange={(maxHashtags) => onChange({ maxHashtags })}
      />
      <WholeNumberField
        label="Reader age for readability"
        min={5}
        max={99}
        value={settings.readabilityAge}
        disabled={readOnly}
        onChange={(readabilityAge) => onChange({ readabilityAge })}
      />
      <TextField
        label="Netiquette guide address"
        hint="Findings link to sections of it."
        value={settings.guideUrl}
        disabled={readOnly}
        onChange={(e) => onChange({ guideUrl: e.target.value })}
      />
    </div>
  );
}
