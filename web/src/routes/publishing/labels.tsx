import type { PostStatus } from "../../api/posts.js";

/** How post statuses read in the UI, and which badge colour each gets. */
export const POST_STATUS_LABELS: Record<PostStatus, string> = {
  draft: "Draft",
  pending_approval: "Awaiting approval",
  scheduled: "Scheduled",
  publishing: "Publishing",
  published: "Published",
  failed: "Failed",
  needs_review: "Needs review",
  missed: "Missed",
};

export const POST_STATUS_BADGES: Record<PostStatus, string> = {
  draft: "badge badge-quiet",
  pending_approval: "badge",
  scheduled: "badge badge-accent",
  publishing: "badge badge-accent",
  published: "badge badge-ok",
  failed: "badge badge-danger",
  needs_review: "badge badge-danger",
  missed: "badge badge-danger",
};

/** Statuses in which a post can still be edited or deleted (server/posts/model.ts). */
export const EDITABLE_STATUSES: readonly PostStatus[] = ["draft", "pending_approval", "scheduled"];

export function PostStatusBadge({ status }: { status: PostStatus }) {
  return <span className={POST_STATUS_BADGES[status]}>{POST_STATUS_LABELS[status]}</span>;
}
