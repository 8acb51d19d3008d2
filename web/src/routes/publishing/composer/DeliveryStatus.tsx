import type { Post } from "../../../api/posts.js";
import { networkName, usePublishableChannels } from "../channels.js";

const LABELS: Record<string, string> = {
  pending: "Waiting",
  publishing: "Sending",
  retrying: "Retrying",
  published: "Published",
  failed: "Failed",
  missed: "Missed",
  needs_review: "Needs review",
  channel_lost: "Channel removed",
};

/** Where each channel's copy of a post went, or why it did not: shown once the engine has had it. */
export function DeliveryStatus({ post }: { post: Post }) {
  const { networks } = usePublishableChannels();
  if (!["publishing", "published", "failed", "missed"].includes(post.status)) return null;
  return (
    <section className="card detail-section" aria-labelledby="delivery-heading">
      <div className="section-header">
        <h2 id="delivery-heading">Delivery</h2>
      </div>
      <ul className="delivery-list">
        {post.variants.map((v) => (
          <li key={v.id} className="delivery-item">
            <span className="delivery-channel">
              {networkName(networks, v.network)} {v.handle ?? "(account deleted)"}
            </span>
            <span
              className={
                v.status === "published"
                  ? "badge badge-ok"
                  : ["failed", "missed", "channel_lost"].includes(v.status)
                    ? "badge badge-danger"
                    : "badge"
              }
            >
              {LABELS[v.status] ?? v.status}
            </span>
            {v.remoteUrl && (
              <a href={v.remoteUrl} target="_blank" rel="noreferrer">
                View on {networkName(networks, v.network)}
              </a>
            )}
            {v.lastError && v.status !== "published" && <p className="delivery-error">{v.lastError}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
