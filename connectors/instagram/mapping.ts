import { z } from "zod";
import { paged } from "../meta/graph.js";
import type { InboundItem, Profile } from "../types.js";

export const igUser = z.object({ id: z.string(), username: z.string(), name: z.string().optional() });
export const pagesWithInstagram = paged(
  z.object({ id: z.string(), access_token: z.string(), instagram_business_account: igUser.optional() }),
);
export const created = z.object({ id: z.string() });
export const permalink = z.object({ permalink: z.string().optional() });

const media = z.object({
  id: z.string(),
  caption: z.string().optional(),
  permalink: z.string().optional(),
  timestamp: z.string(),
  username: z.string().optional(),
});
export const mediaList = paged(media);
const comment = z.object({
  id: z.string(),
  text: z.string(),
  timestamp: z.string(),
  username: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
});
export const commentList = paged(comment);

export const toProfile = (u: z.infer<typeof igUser>): Profile => ({
  externalId: u.id,
  handle: u.username,
  displayName: u.name ?? u.username,
  url: `https://www.instagram.com/${u.username}/`,
});

/** Media the account was tagged in by others. */
export const toMention = (m: z.infer<typeof media>): InboundItem => ({
  remoteId: m.id,
  kind: "mention",
  text: m.caption ?? "",
  createdAt: new Date(m.timestamp),
  author: { externalId: m.username ?? "", handle: m.username ?? null, displayName: null },
  url: m.permalink ?? null,
  inReplyTo: null,
});

export const toComment = (c: z.infer<typeof comment>, mediaId: string): InboundItem => ({
  remoteId: c.id,
  kind: "comment",
  text: c.text,
  createdAt: new Date(c.timestamp),
  author: { externalId: c.from?.id ?? c.username ?? "", handle: c.from?.username ?? c.username ?? null, displayName: null },
  url: null,
  inReplyTo: mediaId,
});
