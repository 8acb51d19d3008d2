/**
 * Where a post is in its life: a `draft`; submitted and `pending_approval` (approvals/); `scheduled`
 * (approved, or needing no approval); then the publish engine's `publishing`, `published`,
 * `failed`, `needs_review` and `missed`.
 */
export const POST_STATUSES = [
  "draft",
  "pending_approval",
  "scheduled",
  "publishing",
  "published",
  "failed",
  "needs_review",
  "missed",
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** Statuses in which a post may still be edited or deleted by its author. */
export const EDITABLE_STATUSES: readonly PostStatus[] = ["draft", "pending_approval", "scheduled"];

/** "Now" is allowed: a schedule this far in the past is taken as now, anything older is refused. */
export const SCHEDULE_GRACE_MS = 60_000;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
