import { type CalendarView, stepDate, viewTitle } from "./calendarDates.js";

interface CalendarToolbarProps {
  view: CalendarView;
  date: string;
  today: string;
  onChange: (next: { view: CalendarView; date: string }) => void;
}

/** Today, previous and next, the period shown, and week or month. */
export function CalendarToolbar({ view, date, today, onChange }: CalendarToolbarProps) {
  const unit = view === "week" ? "week" : "month";
  return (
    <div className="cal-toolbar">
      <div className="cal-nav">
        <button type="button" className="button" onClick={() => onChange({ view, date: today })}>
          Today
        </button>
        <div className="cal-steps">
          <button
            type="button"
            className="button cal-step"
            aria-label={`Previous ${unit}`}
            onClick={() => onChange({ view, date: stepDate(view, date, -1) })}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <button
            type="button"
            className="button cal-step"
            aria-label={`Next ${unit}`}
            onClick={() => onChange({ view, date: stepDate(view, date, 1) })}
          >
            <span aria-hidden="true">›</span>
          </button>
        </div>
      </div>
      <h2 className="cal-title" aria-live="polite">
        {viewTitle(view, date)}
      </h2>
      <fieldset className="segmented">
        <legend className="sr-only">View</legend>
        {(["week", "month"] as const).map((v) => (
          <button key={v} type="button" className="segmented-option" aria-pressed={view === v} onClick={() => onChange({ view: v, date })}>
            {v === "week" ? "Week" : "Month"}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
