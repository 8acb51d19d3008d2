import { type DragEvent, useRef, useState } from "react";
import type { Post } from "../../../api/posts.js";
import { type DropTarget, targetHasPassed, targetInstant, targetKey } from "./CalendarContext.js";
import { formatDay } from "./calendarDates.js";

interface DragHandlers {
  /** A drop where the post may go: the instant it lands on. */
  onMove(post: Post, to: string | undefined): void;
  /** A drop on a day or hour that has passed, named for the message. */
  onRefuse(slot: string): void;
}

/**
 * Dragging posts between days and hours with the browser's own drag and drop (a mouse, a pen,
 * or a touch screen whose browser supports it); the Move button is the way without one.
 */
export function useCalendarDrag(timeZone: string, { onMove, onRefuse }: DragHandlers) {
  // A ref for the drag events (state lags a render), state for the styling.
  const dragged = useRef<Post | null>(null);
  const [dragging, setDragging] = useState<Post | null>(null);
  const [over, setOver] = useState<string | null>(null);

  const endDrag = () => {
    dragged.current = null;
    setDragging(null);
    setOver(null);
  };

  const startDrag = (post: Post, event: DragEvent) => {
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", post.id);
    dragged.current = post;
    // Chromium ends a drag whose source changes during dragstart: restyle on the next frame.
    requestAnimationFrame(() => setDragging(dragged.current));
  };

  const dropZone = (target: DropTarget) => ({
    onDragOver(event: DragEvent) {
      if (!dragged.current) return;
      // Accepted everywhere, so a drop on a past slot can say why it was refused.
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      const key = targetKey(target);
      if (over !== key) setOver(key);
    },
    onDragLeave(event: DragEvent) {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
    },
    onDrop(event: DragEvent) {
      event.preventDefault();
      const post = dragged.current;
      endDrag();
      if (!post) return;
      if (targetHasPassed(target, timeZone, Date.now())) {
        const day = formatDay(target.date, { weekday: "long", day: "numeric", month: "long" });
        onRefuse(target.hour === undefined ? day : `${day}, ${String(target.hour).padStart(2, "0")}:00`);
        return;
      }
      onMove(post, targetInstant(post, target, timeZone));
    },
  });

  return { dragging, over, startDrag, endDrag, dropZone };
}
