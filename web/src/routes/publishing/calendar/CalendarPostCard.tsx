import { Link } from "react-router";
import { formatInZone, instantToZonedTime } from "../../../../../shared/zonedTime.js";
import type { Post } from "../../../api/posts.js";
import { networkName } from "../channels.js";
import { POST_STATUS_LABELS } from "../labels.js";
import { useCalendar } from "./CalendarContext.js";
import { NetworkIcon } from "./NetworkIcon.js";
import { firstLine } from "./postText.js";

/** The short name of a zone's city: "Berlin" for Europe/Berlin. */
const zoneCity = (timeZone: string) => timeZone.split("/").pop()?.replaceAll("_", " ") ?? timeZone;

/**
 * One post on the calendar: its time in the calendar's zone, its channels, its first line and,
 * unless it is simply scheduled, its status. The link opens it in the composer; a post that can
 * still change can be dragged, or moved with its "Move" button.
 */
export function CalendarPostCard({ post, layout }: { post: Post & { scheduledAt: string }; layout: "month" | "week" | "list" }) {
  const calendar = useCalendar();
  const movable = calendar.canMove(post);
  const text = firstLine(post.text);
  const time = instantToZonedTime(post.scheduledAt, calendar.timeZone).time;
  const ownTime = post.timeZone === calendar.timeZone ? null : instantToZonedTime(post.scheduledAt, post.timeZone).time;
  const status = POST_STATUS_LABELS[post.status];
  const channels = post.variants.map((v) => `${networkName(calendar.networks, v.network)} ${v.handle ?? "(account deleted)"}`);
  const details = [
    status,
    `${formatInZone(post.scheduledAt, post.timeZone)} in ${post.timeZone}`,
    post.campaign ? `Campaign: ${post.campaign.name}` : null,
    movable ? null : "Can no longer be moved",
  ].filter(Boolean);
  const dragging = calendar.dragging?.id === post.id;

  return (
    <li
      className={`cal-post cal-post-${layout}${dragging ? " is-dragging" : ""}${movable ? " is-movable" : ""}`}
      data-status={post.status}
      data-post-id={post.id}
      draggable={movable}
      onDragStart={movable ? (event) => calendar.startDrag(post, event) : undefined}
      onDragEnd={movable ? () => calendar.endDrag() : undefined}
      title={`${text}\n${details.join("\n")}`}
    >
      <Link to={`/publishing/${post.id}`} className="cal-post-link" draggable={false}>
        <span className="cal-post-head">
          <time dateTime={post.scheduledAt} className="cal-post-time">
            {time}
          </time>
          <span className="cal-post-networks">
            {post.variants.map((v) => (
              <NetworkIcon key={v.id} network={v.network} name={networkName(calendar.networks, v.network)} />
            ))}
          </span>
        </span>
        <span className="cal-post-text">{text}</span>
        <span className={post.status === "scheduled" ? "sr-only" : "cal-post-status"}>{status}</span>
        {layout === "month" ? (
          <span className="sr-only">{channels.join(", ")}</span>
        ) : (
          <span className="cal-post-handles">
            {ownTime && (
              <span className="cal-post-own-time">
                {ownTime} {zoneCity(post.timeZone)}
              </span>
            )}
            {post.variants.map((v) => (
              <span key={v.id} className={v.handle ? undefined : "text-bad"}>
                <span className="sr-only">{networkName(calendar.networks, v.network)} </span>
                {v.handle ?? "account deleted"}
              </span>
            ))}
          </span>
        )}
      </Link>
      {movable && (
        <button type="button" className="cal-post-move" aria-label={`Move “${text}”`} onClick={() => calendar.requestMove(post)}>
          Move
        </button>
      )}
    </li>
  );
}
