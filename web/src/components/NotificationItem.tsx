import { Link } from "react-router";
import type { AppNotification } from "../api/types.js";
import { Time } from "./Time.js";

/** Links are paths in this app; anything else is shown as plain text rather than followed. */
const isAppPath = (link: string | null): link is string => Boolean(link?.startsWith("/") && !link.startsWith("//"));

interface NotificationItemProps {
  notification: AppNotification;
  /** The person followed the link: the list closes and the notification counts as read. */
  onOpen: (notification: AppNotification) => void;
}

export function NotificationItem({ notification: n, onOpen }: NotificationItemProps) {
  return (
    <li className={n.read ? "notification" : "notification notification-unread"}>
      <p className="notification-title">
        {isAppPath(n.link) ? (
          <Link to={n.link} onClick={() => onOpen(n)}>
            {n.title}
          </Link>
        ) : (
          n.title
        )}
        {!n.read && <span className="sr-only"> (unread)</span>}
      </p>
      {n.body && <p className="notification-body">{n.body}</p>}
      <p className="notification-time">
        <Time iso={n.createdAt} />
      </p>
    </li>
  );
}
