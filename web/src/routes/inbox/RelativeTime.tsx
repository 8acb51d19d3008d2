import { formatDateTime } from "../../lib/format.js";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const dayAndYear = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** "just now", "5 min ago", "3 hr ago", then "12 Mar" (and the year when it is not this one). */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), "day");
  return new Date(then).getFullYear() === new Date(now).getFullYear() ? day.format(then) : dayAndYear.format(then);
}

/** A time said relative to now, with the exact local time on hover and for screen readers' "time" element. */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
