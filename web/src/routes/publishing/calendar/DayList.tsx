import { targetHasPassed, targetKey, useCalendar } from "./CalendarContext.js";
import { CalendarPostCard } from "./CalendarPostCard.js";
import { formatDay } from "./calendarDates.js";
import type { ScheduledPost } from "./MonthView.js";

/**
 * The calendar on a narrow screen: days stacked as a list. A week lists all seven days; a month
 * only the days that have posts (and today), since thirty empty days say nothing.
 */
export function DayList({ days, allDays, postsByDay }: { days: string[]; allDays: boolean; postsByDay: Map<string, ScheduledPost[]> }) {
  const calendar = useCalendar();
  const listed = allDays ? days : days.filter((day) => (postsByDay.get(day)?.length ?? 0) > 0 || day === calendar.today);
  if (listed.length === 0) return <p className="cal-empty">Nothing is scheduled in this month.</p>;
  return (
    <ol className="cal-day-list">
      {listed.map((day) => {
        const posts = postsByDay.get(day) ?? [];
        const target = { date: day };
        const classes = [
          "cal-list-day",
          day === calendar.today ? "is-today" : "",
          targetHasPassed(target, calendar.timeZone, calendar.now) ? "is-past" : "",
          calendar.over === targetKey(target) ? "is-over" : "",
        ];
        return (
          <li key={day} className={classes.filter(Boolean).join(" ")} {...calendar.dropZone(target)}>
            <h3 className="cal-day-heading">
              <time dateTime={day}>{formatDay(day, { weekday: "long", day: "numeric", month: "long" })}</time>
              {day === calendar.today && <span className="cal-today-label">Today</span>}
            </h3>
            {posts.length > 0 ? (
              <ul className="cal-posts">
                {posts.map((post) => (
                  <CalendarPostCard key={post.id} post={post} layout="list" />
                ))}
              </ul>
            ) : (
              <p className="cal-nothing">Nothing scheduled</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
