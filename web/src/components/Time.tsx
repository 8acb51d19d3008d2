import { formatDate, formatDateTime } from "../lib/format.js";

/** A timestamp in the reader's own time zone, with the exact UTC value on hover; `date` leaves the time of day out. */
export function Time({ iso, fallback = "—", date = false }: { iso: string | null | undefined; fallback?: string; date?: boolean }) {
  if (!iso) return <>{fallback}</>;
  return (
    <time dateTime={iso} title={iso}>
      {date ? formatDate(iso) : formatDateTime(iso)}
    </time>
  );
}
