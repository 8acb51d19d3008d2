import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { browserTimeZone, instantToZonedTime } from "../../../../../shared/zonedTime.js";
import { CALENDAR_LIMIT, calendarKey, fetchCalendarPosts } from "../../../api/calendar.js";
import type { Post } from "../../../api/posts.js";
import { useCan, useCurrentUser } from "../../../auth/currentUser.js";
import { ErrorMessage } from "../../../components/ErrorMessage.js";
import { Loading } from "../../../components/Loading.js";
import { PageHeader } from "../../../components/PageHeader.js";
import { useMediaQuery } from "../../../lib/useMediaQuery.js";
import { useNow } from "../../../lib/useNow.js";
import { usePublishableChannels } from "../channels.js";
import { EDITABLE_STATUSES } from "../labels.js";
import { CalendarContext, type CalendarState, targetKey } from "./CalendarContext.js";
import { CalendarFilters } from "./CalendarFilters.js";
import { CalendarToolbar } from "./CalendarToolbar.js";
import { type CalendarView, isTimeZone, isWallDate, rangeOf, startOfWeek, todayIn, visibleDays } from "./calendarDates.js";
import { DayList } from "./DayList.js";
import { MonthView, type ScheduledPost } from "./MonthView.js";
import { MoveDialog } from "./MoveDialog.js";
import { StatusLegend } from "./StatusLegend.js";
import { useCalendarDrag } from "./useCalendarDrag.js";
import { useMovePost } from "./useMovePost.js";
import { WeekView } from "./WeekView.js";
import "./calendar.css";
import { PauseBanner } from "../PauseBanner.js";

const isScheduled = (post: Post): post is ScheduledPost => post.scheduledAt !== null;

function groupBy(posts: ScheduledPost[], keyOf: (post: ScheduledPost) => string): Map<string, ScheduledPost[]> {
  const groups = new Map<string, ScheduledPost[]>();
  for (const post of [...posts].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))) {
    const key = keyOf(post);
    groups.set(key, [...(groups.get(key) ?? []), post]);
  }
  return groups;
}

/**
 * /publishing/calendar?view=week|month&date=YYYY-MM-DD[&campaignId&accountId&zone]: what goes out
 * when, in the viewer's time zone unless they pick another (`zone`), since a grid can only have one.
 */
export function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const me = useCurrentUser();
  const canWrite = useCan("posts.write");
  const canMoveAny = useCan("accounts.manage");
  const narrow = useMediaQuery("(max-width: 800px)");
  const now = useNow();
  const { channels, networks } = usePublishableChannels();

  const requestedZone = params.get("zone");
  const timeZone = requestedZone && isTimeZone(requestedZone) ? requestedZone : browserTimeZone();
  const view: CalendarView = params.get("view") === "month" ? "month" : "week";
  const today = todayIn(timeZone, now);
  const requestedDate = params.get("date");
  const date = isWallDate(requestedDate) ? requestedDate : today;
  const campaignId = params.get("campaignId") ?? "";
  const accountId = params.get("accountId") ?? "";

  const days = useMemo(() => visibleDays(view, date), [view, date]);
  const query = { ...rangeOf(days, timeZone), campaignId, accountId };
  const key = calendarKey(query);
  const posts = useQuery({ queryKey: key, queryFn: () => fetchCalendarPosts(query), placeholderData: keepPreviousData });
  const mover = useMovePost(key, timeZone);

  const drag = useCalendarDrag(timeZone, { onMove: mover.move, onRefuse: mover.refuse });
  const [moving, setMoving] = useState<ScheduledPost | null>(null);

  // After a move, focus follows the post to its new place (its old element is gone).
  useEffect(() => {
    if (!mover.lastMoved) return;
    document.querySelector<HTMLElement>(`[data-post-id="${mover.lastMoved.id}"] .cal-post-link`)?.focus();
  }, [mover.lastMoved]);

  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: false });
  };

  const scheduled = (posts.data ?? []).filter(isScheduled);
  const postsByDay = groupBy(scheduled, (post) => instantToZonedTime(post.scheduledAt, timeZone).date);
  const postsBySlot = groupBy(scheduled, (post) => {
    const wall = instantToZonedTime(post.scheduledAt, timeZone);
    return targetKey({ date: wall.date, hour: Number(wall.time.slice(0, 2)) });
  });

  const calendar: CalendarState = {
    timeZone,
    today,
    now,
    networks,
    dragging: drag.dragging,
    over: drag.over,
    canMove: (post) =>
      canWrite && post.scheduledAt !== null && EDITABLE_STATUSES.includes(post.status) && (canMoveAny || post.author.id === me.user.id),
    startDrag: drag.startDrag,
    endDrag: drag.endDrag,
    requestMove(post) {
      if (isScheduled(post)) setMoving(post);
    },
    dropZone: drag.dropZone,
    showWeek: (day) => setParam({ view: "week", date: startOfWeek(day) }),
  };

  const truncated = (posts.data?.length ?? 0) >= CALENDAR_LIMIT;
  return (
    <CalendarContext.Provider value={calendar}>
      <PageHeader
        title="Calendar"
        description="What goes out when, on every channel. Drag a post to another day or hour, or use its Move button, to reschedule it."
        actions={
          <>
            <Link to="/publishing" className="button">
              List
            </Link>
            {canWrite && (
              <Link to="/publishing/new" className="button button-primary">
                New post
              </Link>
            )}
          </>
        }
      />
      <PauseBanner />
      <CalendarToolbar
        view={view}
        date={date}
        today={today}
        onChange={(next) => setParam({ view: next.view, date: next.date === today ? null : next.date })}
      />
      <CalendarFilters
        campaignId={campaignId}
        accountId={accountId}
        timeZone={timeZone}
        postZones={scheduled.map((p) => p.timeZone)}
        channels={channels}
        onChange={(changes) => setParam(changes)}
      />
      {mover.problem && (
        <div className="alert alert-error cal-problem" role="alert">
          <p className="alert-title">{mover.problem.title}</p>
          <p>{mover.problem.message}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={mover.dismiss}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      <ErrorMessage error={posts.error} title="The calendar could not be loaded" />
      {truncated && (
        <p className="notice" role="status">
          Showing the first {CALENDAR_LIMIT} posts of this period: filter by campaign or channel, or look at one week, to see them all.
        </p>
      )}
      {posts.isPending ? (
        <Loading label="Loading the calendar…" />
      ) : (
        <div className={`cal${drag.dragging ? " is-dragging" : ""}${posts.isFetching ? " is-fetching" : ""}`} aria-busy={posts.isFetching}>
          {narrow ? (
            <DayList
              days={view === "month" ? days.filter((d) => d.slice(0, 7) === date.slice(0, 7)) : days}
              allDays={view === "week"}
              postsByDay={postsByDay}
            />
          ) : view === "month" ? (
            <MonthView days={days} month={date} postsByDay={postsByDay} />
          ) : (
            <WeekView days={days} postsBySlot={postsBySlot} />
          )}
        </div>
      )}
      <StatusLegend />
      {moving && <MoveDialog post={moving} timeZone={timeZone} onMove={(to) => mover.move(moving, to)} onClose={() => setMoving(null)} />}
    </CalendarContext.Provider>
  );
}
