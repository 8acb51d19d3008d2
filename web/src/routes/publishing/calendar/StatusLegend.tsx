import type { PostStatus } from "../../../api/posts.js";
import { POST_STATUS_LABELS } from "../labels.js";

/** The statuses a post on the calendar can have (drafts have no time), in the order a post goes through them. */
const SHOWN = (Object.keys(POST_STATUS_LABELS) as PostStatus[]).filter((status) => status !== "draft");

/** What the colours mean (each post also names its status unless it is simply scheduled). */
export function StatusLegend() {
  return (
    <ul className="cal-legend" aria-label="Status colours">
      {SHOWN.map((status) => (
        <li key={status} data-status={status}>
          {POST_STATUS_LABELS[status]}
        </li>
      ))}
    </ul>
  );
}
