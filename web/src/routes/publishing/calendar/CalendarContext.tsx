import { createContext, type DragEvent, useContext } from "react";
import type { Post } from "../../../api/posts.js";
import type { Network } from "../../../api/types.js";
import { addDays, dayStartInstant, movedToDay, movedToSlot, slotEndInstant } from "./calendarDates.js";

/** Where a post can be dropped: a day (month view, phone list) or an hour of a day (week view). */
export interface DropTarget {
  date: string;
  hour?: number;
}

export const targetKey = (target: DropTarget) => (target.hour === undefined ? target.date : `${target.date}T${target.hour}`);

/** The instant a post dropped on `target` would go out (see calendarDates for the rules). */
export function targetInstant(post: Post, target: DropTarget, timeZone: string): string | undefined {
  if (!post.scheduledAt) return undefined;
  return target.hour === undefined
    ? movedToDay(post.scheduledAt, post.timeZone, timeZone, target.date)
    : movedToSlot(post.scheduledAt, timeZone, target.date, target.hour);
}

/** A day or an hour that has ended takes no posts. */
export function targetHasPassed(target: DropTarget, timeZone: string, now: number): boolean {
  const end =
    target.hour === undefined ? dayStartInstant(addDays(target.date, 1), timeZone) : slotEndInstant(target.date, target.hour, timeZone);
  return Date.parse(end) <= now;
}

export interface CalendarState {
  /** The zone the calendar is shown in. */
  timeZone: string;
  today: string;
  now: number;
  networks: readonly Network[];
  /** The post being dragged, if any. */
  dragging: Post | null;
  /** The drop target under the pointer while dragging. */
  over: string | null;
  canMove(post: Post): boolean;
  startDrag(post: Post, event: DragEvent): void;
  endDrag(): void;
  /** The keyboard way: opens the "Move post" dialog. */
  requestMove(post: Post): void;
  dropZone(target: DropTarget): {
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
  /** Opens the week that holds `date` (from a month day's "+N more"). */
  showWeek(date: string): void;
}

export const CalendarContext = createContext<CalendarState | null>(null);

export function useCalendar(): CalendarState {
  const state = useContext(CalendarContext);
  if (!state) throw new Error("useCalendar() used outside the calendar");
  return state;
}
