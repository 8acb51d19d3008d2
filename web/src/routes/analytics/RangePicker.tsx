import { utcDay } from "./format.js";

const PRESETS = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
];

/** Quick ranges ending today, or any two days; the dashboards compare with the period just before. */
export function RangePicker({ from, to, onChange }: { from: string; to: string; onChange: (r: { from: string; to: string }) => void }) {
  const today = utcDay(0);
  return (
    <fieldset className="analytics-range">
      <legend className="sr-only">Date range</legend>
      <div className="analytics-presets">
        {PRESETS.map((p) => {
          const start = utcDay(-(p.days - 1));
          const on = to === today && from === start;
          return (
            <button
              key={p.days}
              type="button"
              className={on ? "button button-small button-primary" : "button button-small"}
              aria-pressed={on}
              onClick={() => onChange({ from: start, to: today })}
            >
              {p.label}
            </button>
          );
        })}
      </div>
      <label className="analytics-date">
        From
        <input
          type="date"
          className="input"
          value={from}
          max={to}
          onChange={(e) => e.target.value && onChange({ from: e.target.value, to })}
        />
      </label>
      <label className="analytics-date">
        To
        <input
          type="date"
          className="input"
          value={to}
          min={from}
          onChange={(e) => e.target.value && onChange({ from, to: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
