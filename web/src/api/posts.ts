import { api } from "./client.js";
import type { PostMedia } from "./media.js";
import type { Finding } from "./policy.js";

/** Where a post is in its life (server/posts/model.ts). */
export type PostStatus = "draft" | "pending_approval" | "scheduled" | "publishing" | "published" | "failed" | "needs_review" | "missed";

export interface TextLength {
  count: number;
  limit: number;
}

export interface PostVariant {
  id: string;
  /** Null once the account was deleted: the post keeps the network so it can be flagged. */
  accountId: string | null;
  network: string;
  handle: string | null;
  text: string;
  /** True when the channel has its own wording instead of the post's text. */
  ownText: boolean;
  threadParts: string[];
  length: TextLength | null;
  status: string;
  remoteUrl: string | null;
  /** Why the variant did not go out (the network's reason, or why a person must decide). */
  lastError: string | null;
}

/** How a post repeats (server/posts/schedule/recurrence.ts). */
export interface RepeatRule {
  frequency: "daily" | "weekly" | "monthly";
  interval: number;
  until?: string;
  count?: number;
}

export interface Post {
  id: string;
  author: { id: string; name: string };
  campaign: { id: string; name: string } | null;
  text: string;
  tags: string[];
  timeZone: string;
  scheduledAt: string | null;
  repeat: RepeatRule | null;
  /** Which occurrence of a repeating post this is (1: the first). */
  occurrence: number | null;
  status: PostStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  variants: PostVariant[];
  /** Attached images, in order. */
  media: PostMedia[];
}

export interface VariantInput {
  accountId: string;
  /** Null: the post's text. */
  text?: string | null;
  threadParts?: string[];
}

export interface PostInput {
  text: string;
  timeZone: string;
  /** Null: a draft. */
  scheduledAt?: string | null;
  /** Schedule in the next free slot of the channels' posting queues instead. */
  queue?: true;
  repeat?: RepeatRule | null;
  campaignId?: string | null;
  tags?: string[];
  variants: VariantInput[];
  /** Uploaded images (api/media.ts), in order. */
  mediaIds?: string[];
}

export interface VariantProblem {
  accountId: string;
  network: string;
  code: string;
  message: string;
  count?: number;
  limit?: number;
}

export interface VariantCheck {
  accountId: string;
  network: string;
  length: TextLength | null;
  problems: VariantProblem[];
  /** Per part: 0 the first, then each reply of a thread. */
  findings: (Finding & { part: number })[];
}

/** The list's filters; "" means "any". */
export interface PostFilters {
  status: PostStatus | "";
  accountId: string;
}

export const postsKey = ["posts"] as const;
export const postKey = (id: string) => [...postsKey, "detail", id] as const;
export type CheckInput = { text: string; variants: VariantInput[]; mediaIds?: string[] };
export const postCheckKey = (input: CheckInput) => [...postsKey, "check", input] as const;

export const fetchPosts = (filters: Partial<PostFilters> = {}) =>
  api<{ posts: Post[] }>("GET", "/api/posts", { query: { ...filters } }).then((r) => r.posts);

export const fetchPost = (id: string) => api<Post>("GET", `/api/posts/${encodeURIComponent(id)}`);

export const createPost = (input: PostInput) => api<Post>("POST", "/api/posts", { body: input });

/** `version` is the one the person edited; an older one is refused with 409 edit_conflict. */
export const updatePost = (id: string, changes: Partial<PostInput> & { version: number }) =>
  api<Post>("PATCH", `/api/posts/${encodeURIComponent(id)}`, { body: changes });

export const deletePost = (id: string) => api<void>("DELETE", `/api/posts/${encodeURIComponent(id)}`);

/** Each channel's length counted the network's way, and what would stop it going out; saves nothing. */
export const checkPost = (input: CheckInput, signal?: AbortSignal) =>
  api<{ variants: VariantCheck[] }>("POST", "/api/posts/check", { body: input, ...(signal ? { signal } : {}) }).then((r) => r.variants);
