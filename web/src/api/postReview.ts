import { api } from "./client.js";
import type { Post } from "./posts.js";

/** A person's answer for a channel in needs_review: it went out (perhaps with its address), or send it again. */
export type ReviewDecision = { choice: "went_out"; url?: string } | { choice: "publish_again" };

export const reviewVariant = (postId: string, variantId: string, decision: ReviewDecision) =>
  api<Post>("POST", `/api/posts/${encodeURIComponent(postId)}/variants/${encodeURIComponent(variantId)}/review`, { body: decision });
