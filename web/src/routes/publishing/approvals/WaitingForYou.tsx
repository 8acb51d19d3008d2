import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { fetchMyApprovals, myApprovalsKey } from "../../../api/approvals.js";
import { ScheduledTime } from "../ScheduledTime.js";
import "./approvals.css";

/** Posts whose approval step in turn names you: the approver's to-do list. */
export function WaitingForYou() {
  const mine = useQuery({ queryKey: myApprovalsKey, queryFn: fetchMyApprovals });
  if (!mine.data || mine.data.length === 0) return null;
  return (
    <section className="card detail-section waiting-for-you" aria-labelledby="waiting-heading">
      <div className="section-header">
        <h2 id="waiting-heading">Waiting for your approval ({mine.data.length})</h2>
      </div>
      <ul>
        {mine.data.map((post) => (
          <li key={post.id}>
            <Link to={`/publishing/${post.id}`}>{post.text.split("\n")[0]?.slice(0, 90) || "(no text)"}</Link>{" "}
            <span className="muted">
              by {post.author.name} · <ScheduledTime iso={post.scheduledAt} timeZone={post.timeZone} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
