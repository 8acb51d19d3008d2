import { useEffect, useRef } from "react";
import { instantToZonedTime } from "../../../../../shared/zonedTime.js";
import { targetHasPassed, targetKey, useCalendar } from "./CalendarContext.js";
import { CalendarPostCard } from "./CalendarPostCard.js";
import { formatDay } from "./calendarDates.js";
import type { ScheduledPost } from "./MonthView.js";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
/** Where the week opens: the working day, or earlier when something is scheduled before it. */
const FIRST_VISIBLE_HOUR = 7;

export function WeekView({ days, postsBySlot }: { days: string[]; postsBySlot: Map<string, ScheduledPost[]> }) {
  const calendar = useCalendar();
  const body = useRef<HTMLDivElement>(null);
  const earliest = Math.min(
    FIRST_VISIBLE_HOUR,
    ...[...postsBySlot.entries()].filter(([, posts]) => posts.length > 0).map(([key]) => Number(key.split("T")[1])),
  );
  const nowWall = instantToZonedTime(new Date(calendar.now).toISOString(), calendar.timeZone);
  const nowHour = Number(nowWall.time.slice(0, 2));

  // Opens on the working day rather than at midnight; the scroll stays where the person puts it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the week changes
  useEffect(() => {
    const row = body.current?.querySelector<HTMLElement>(`[data-hour="${earliest}"]`);
    if (body.current && row)
      body.current.scrollTop = row.offsetTop - (body.current.querySelector<HTMLElement>(".cal-week-head")?.offsetHeight ?? 0) - 12;
  }, [days[0]]);

  return (
    <div className="cal-week" ref={body}>
      <div className="cal-week-head" aria-hidden="true">
        <div className="cal-hour" />
        {days.map((day) => (
          <div key={day} className={day === calendar.today ? "cal-week-day is-today" : "cal-week-day"}>
            <span className="cal-week-weekday">{formatDay(day, { weekday: "short" })}</span>
            <span className="cal-week-date">{Number(day.slice(8))}</span>
          </div>
        ))}
      </div>
      {HOURS.map((hour) => (
        <div key={hour} className="cal-week-row" data-hour={hour}>
          <div className="cal-hour" aria-hidden="true">
            {hourLabel(hour)}
          </div>
          {days.map((day) => {
            const target = { date: day, hour };
            const key = targetKey(target);
            const posts = postsBySlot.get(key) ?? [];
            const classes = [
              "cal-slot",
              day === calendar.today ? "is-today" : "",
              targetHasPassed(target, calendar.timeZone, calendar.now) ? "is-past" : "",
              calendar.over === key ? "is-over" : "",
            ];
            const label = `${formatDay(day, { weekday: "long", day: "numeric", month: "long" })}, ${hourLabel(hour)}`;
            return (
              <div
                key={day}
                className={classes.filter(Boolean).join(" ")}
                data-slot={key}
                {...(posts.length > 0 ? { role: "group", "aria-label": label } : {})}
                {...calendar.dropZone(target)}
              >
                {day === calendar.today && hour === nowHour && (
                  <span className="cal-now" style={{ top: `${(Number(nowWall.time.slice(3, 5)) / 60) * 100}%` }} aria-hidden="true" />
                )}
                {posts.length > 0 && (
                  <ul className="cal-posts">
                    {posts.map((post) => (
                      <CalendarPostCard key={post.id} post={post} layout="week" />
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
