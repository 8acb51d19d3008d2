import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { fetchNotifications, markNotificationsRead, notificationsKey } from "../api/notifications.js";
import type { AppNotification } from "../api/types.js";
import { BellIcon } from "./BellIcon.js";
import { ErrorMessage } from "./ErrorMessage.js";
import { Loading } from "./Loading.js";
import { NotificationItem } from "./NotificationItem.js";

const POLL_MS = 30_000;

const buttonLabel = (unread: number) => `Notifications, ${unread === 0 ? "none" : unread} unread`;

/**
 * The header's bell: how many notifications are unread (asked every 30 s and
 * whenever the window regains focus), and a panel listing them. Escape, a
 * click outside or following one of its links closes it.
 */
export function NotificationsBell() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const titleId = useId();
  const notifications = useQuery({
    queryKey: notificationsKey,
    queryFn: () => fetchNotifications(),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });
  const markAllRead = useMutation({
    mutationFn: () => markNotificationsRead(),
    onSuccess: async () => {
      await refresh();
      // The button goes away with the last unread one; keep focus in the panel.
      panel.current?.focus();
    },
  });
  const markRead = useMutation({ mutationFn: (id: string) => markNotificationsRead([id]), onSuccess: refresh });

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const unread = notifications.data?.unread ?? 0;
  const list = notifications.data?.notifications ?? [];
  const opened = (n: AppNotification) => {
    setOpen(false);
    if (!n.read) markRead.mutate(n.id);
  };

  return (
    <div ref={wrapper} className="notifications">
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={buttonLabel(unread)}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setOpen((was) => !was);
          if (!open) void notifications.refetch();
        }}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div ref={panel} id={panelId} className="notifications-panel" role="dialog" aria-labelledby={titleId} tabIndex={-1}>
          <div className="notifications-header">
            <h2 id={titleId}>Notifications</h2>
            {unread > 0 && (
              <button type="button" className="button button-small" disabled={markAllRead.isPending} onClick={() => markAllRead.mutate()}>
                Mark all read
              </button>
            )}
          </div>
          <ErrorMessage error={notifications.error ?? markAllRead.error} />
          {notifications.isPending && <Loading label="Loading notifications…" />}
          {notifications.isSuccess && list.length === 0 && (
            <p className="notifications-empty">
              Nothing yet. Switchboard tells you here when something needs you, such as an account to reconnect.
            </p>
          )}
          {list.length > 0 && (
            <ul className="notification-list">
              {list.map((n) => (
                <NotificationItem key={n.id} notification={n} onOpen={opened} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
