import { useQuery } from "@tanstack/react-query";
import { fetchPauses, type PublishPause, pausesKey } from "../../api/pauses.js";
import type { Post } from "../../api/posts.js";

/** Pauses in force and recent history; refreshed now and then, so a pause set elsewhere shows up. */
export const usePauses = () => useQuery({ queryKey: pausesKey, queryFn: fetchPauses, refetchInterval: 30_000 });

/** Statuses in which a post still has channels waiting to go out (the publish engine's claim). */
const WAITING_POSTS = new Set<Post["status"]>(["scheduled", "publishing"]);
const WAITING_VARIANTS = new Set(["pending", "retrying"]);

/**
 * The pauses in force that hold (or, before its time, will hold) this post: everything, one of the
 * channels it still waits to go out on, or its campaign. The engine applies the same rule
 * (server/posts/pause/heldByPause.ts).
 */
export function pausesHolding(post: Post, pauses: readonly PublishPause[]): PublishPause[] {
  if (!WAITING_POSTS.has(post.status)) return [];
  const waiting = post.variants.filter((v) => WAITING_VARIANTS.has(v.status) && v.accountId);
  if (waiting.length === 0) return [];
  return pauses.filter(
    (p) =>
      p.inForce &&
      (p.scope === "all" ||
        (p.scope === "account" && waiting.some((v) => v.accountId === p.scopeId)) ||
        (p.scope === "campaign" && post.campaign?.id === p.scopeId)),
  );
}

/** "Everything", "the channel acme (x)", "the campaign Spring sale". */
export const scopeText = (pause: Pick<PublishPause, "scope" | "scopeLabel">) =>
  pause.scope === "all" ? "Everything" : pause.scope === "account" ? `Channel ${pause.scopeLabel}` : `Campaign ${pause.scopeLabel}`;
