import { browserTimeZone, formatInZone } from "../../../../shared/zonedTime.js";

/** When a post goes out, as a clock in its own zone shows it, and in the viewer's zone when that differs. */
export function ScheduledTime({ iso, timeZone }: { iso: string | null; timeZone: string }) {
  if (!iso) return <span className="muted">Not scheduled</span>;
  const viewerZone = browserTimeZone();
  const inPostZone = formatInZone(iso, timeZone);
  const inViewerZone = formatInZone(iso, viewerZone);
  return (
    <time dateTime={iso} className="scheduled-time">
      <span>
        {inPostZone} <span className="muted">({timeZone})</span>
      </span>
      {inViewerZone !== inPostZone && <span className="muted">Your time: {inViewerZone}</span>}
    </time>
  );
}
