import { z } from "zod";
import type { InboundItem, Profile } from "../types.js";

export const user = z.object({ id: z.string(), name: z.string(), username: z.string() });
export const userResponse = z.object({ data: user });
export const createdTweet = z.object({ data: z.object({ id: z.string(), text: z.string().optional() }) });

const tweet = z.object({
  id: z.string(),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
});
export type Tweet = z.infer<typeof tweet>;

/** Timelines (mentions, a user's posts): `data` is absent when empty; `meta.next_token` pages on. */
export const timeline = z.object({
  data: z.array(tweet).optional(),
  includes: z.object({ users: z.array(user).optional() }).optional(),
  meta: z.object({ result_count: z.number().optional(), next_token: z.string().optional() }).optional(),
});

export const tweetUrl = (handle: string | undefined, id: string) =>
  handle ? `https://x.com/${encodeURIComponent(handle)}/status/${id}` : `https://x.com/i/web/status/${id}`;

export const toProfile = (u: z.infer<typeof user>): Profile => ({
  externalId: u.id,
  handle: u.username,
  displayName: u.name,
  url: `https://x.com/${encodeURIComponent(u.username)}`,
});

export function toMention(t: Tweet, users: readonly z.infer<typeof user>[]): InboundItem {
  const author = users.find((u) => u.id === t.author_id);
  return {
    remoteId: t.id,
    kind: "mention",
    text: t.text,
    createdAt: t.created_at ? new Date(t.created_at) : new Date(0),
    author: { externalId: t.author_id ?? "", handle: author?.username ?? null, displayName: author?.name ?? null },
    url: tweetUrl(author?.username, t.id),
    inReplyTo: t.referenced_tweets?.find((r) => r.type === "replied_to")?.id ?? null,
  };
}
