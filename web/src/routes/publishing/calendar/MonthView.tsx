import type { Post } from "../../../api/posts.js";
import { targetHasPassed, targetKey, useCalendar } from "./CalendarContext.js";
import { CalendarPostCard } from "./CalendarPostCard.js";
import { formatDay } from "./calendarDates.js";

/** A day shows this many posts; more and it shows one fewer and a "+N more" that opens its week. */
const FITS = 4;

export type ScheduledPost = Post & { scheduledAt: string };

export function MonthView({ days, month, postsByDay }: { days: string[]; month: string; postsByDay: Map<string, ScheduledPost[]> }) {
  const calendar = useCalendar();
  return (
    <div className="cal-month">
      <div className="cal-weekdays" aria-hidden="true">
        {days.slice(0, 7).map((day) => (
          <div key={day}>{formatDay(day, { weekday: "short" })}</div>
        ))}
      </div>
      <ol className="cal-month-grid" aria-label={formatDay(month, { month: "long", year: "numeric" })}>
        {days.map((day) => {
          const posts = postsByDay.get(day) ?? [];
          const shown = posts.length > FITS ? posts.slice(0, FITS - 1) : posts;
          const target = { date: day };
          const classes = [
            "cal-day",
            day.slice(0, 7) === month.slice(0, 7) ? "" : "is-other-month",
            day === calendar.today ? "is-today" : "",
            targetHasPassed(target, calendar.timeZone, calendar.now) ? "is-past" : "",
            calendar.over === targetKey(target) ? "is-over" : "",
          ];
          return (
            <li key={day} className={classes.filter(Boolean).join(" ")} {...calendar.dropZone(target)}>
              <h3 className="cal-day-heading">
                <time dateTime={day}>
                  <span aria-hidden="true">
                    {day.endsWith("-01") ? formatDay(day, { day: "numeric", month: "short" }) : Number(day.slice(8))}
                  </span>
                  <span className="sr-only">{formatDay(day, { weekday: "long", day: "numeric", month: "long" })}</span>
                </time>
                {day === calendar.today && <span className="cal-today-label">Today</span>}
              </h3>
              {shown.length > 0 && (
                <ul className="cal-posts">
                  {shown.map((post) => (
                    <CalendarPostCard key={post.id} post={post} layout="month" />
                  ))}
                </ul>
              )}
              {shown.length < posts.length && (
                <button type="button" className="cal-more" onClick={() => calendar.showWeek(day)}>
                  +{posts.length - shown.length} more
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
