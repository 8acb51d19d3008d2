import { useId } from "react";
import { browserTimeZone, formatInZone, timeZoneChoices, zonedTimeToInstant } from "../../../../shared/zonedTime.js";
import { SelectField } from "../../components/SelectField.js";
import { TextField } from "../../components/TextField.js";
import { BestTimeHint } from "./composer/BestTimeHint.js";
import type { ComposerDraft } from "./postDraft.js";

interface ScheduleFieldsProps {
  draft: ComposerDraft;
  onChange: (changes: Partial<ComposerDraft>) => void;
  /** The server's refusal of the time (schedule_in_past), shown by the fields. */
  error: string | undefined;
}

/** Draft or a date and time in a chosen time zone, with what that means in the viewer's zone. */
export function ScheduleFields({ draft, onChange, error }: ScheduleFieldsProps) {
  const id = useId();
  const instant = draft.when === "schedule" ? zonedTimeToInstant({ date: draft.date, time: draft.time }, draft.timeZone) : undefined;
  const viewerZone = browserTimeZone();
  return (
    <fieldset className="fieldset">
      <legend>When</legend>
      <div className="radio-row">
        <label className="checkbox checkbox-inline">
          <input type="radio" name={`${id}-when`} checked={draft.when === "draft"} onChange={() => onChange({ when: "draft" })} /> Save as
          draft
        </label>
        <label className="checkbox checkbox-inline">
          <input type="radio" name={`${id}-when`} checked={draft.when === "schedule"} onChange={() => onChange({ when: "schedule" })} />{" "}
          Schedule
        </label>
        <label className="checkbox checkbox-inline">
          <input type="radio" name={`${id}-when`} checked={draft.when === "queue"} onChange={() => onChange({ when: "queue" })} /> Next free
          queue slot
        </label>
      </div>
      {draft.when === "queue" && (
        <p className="field-hint">The earliest weekly slot of the chosen channels' posting queues that no other post holds.</p>
      )}
      {draft.when === "schedule" && (
        <div className="form-grid schedule-grid">
          <TextField
            label="Date"
            type="date"
            required
            value={draft.date}
            onChange={(e) => onChange({ date: e.target.value })}
            error={error}
          />
          <TextField label="Time" type="time" required value={draft.time} onChange={(e) => onChange({ time: e.target.value })} />
          <SelectField label="Time zone" value={draft.timeZone} onChange={(e) => onChange({ timeZone: e.target.value })}>
            {timeZoneChoices(draft.timeZone, viewerZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {draft.when === "schedule" && (
        <BestTimeHint accountIds={draft.accountIds} timeZone={draft.timeZone} date={draft.date} time={draft.time} onPick={onChange} />
      )}
      {draft.when !== "draft" && (
        <div className="form-grid schedule-grid">
          <SelectField
            label="Repeat"
            value={draft.repeat}
            onChange={(e) => onChange({ repeat: e.target.value as ComposerDraft["repeat"] })}
            hint="Same wall-clock time in its time zone, also across daylight saving changes."
          >
            <option value="">Does not repeat</option>
            <option value="daily">Every day</option>
            <option value="weekly">Every week</option>
            <option value="monthly">Every month</option>
          </SelectField>
          {draft.repeat && (
            <TextField
              label="Times in all"
              type="number"
              min={2}
              max={500}
              value={draft.repeatCount}
              onChange={(e) => onChange({ repeatCount: e.target.value })}
              hint="Empty: until you stop it."
            />
          )}
        </div>
      )}
      {instant && (
        <p className="field-hint" aria-live="polite">
          {instant.adjustment === "skipped" && `${draft.time} does not exist that day in ${draft.timeZone} (clocks go forward): `}
          {instant.adjustment === "repeated" && `${draft.time} happens twice that day in ${draft.timeZone}; the first one is used: `}
          Goes out {formatInZone(instant.iso, draft.timeZone)}
          {draft.timeZone !== viewerZone && `, ${formatInZone(instant.iso, viewerZone)} your time`}.
        </p>
      )}
    </fieldset>
  );
}
