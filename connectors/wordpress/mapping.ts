import { z } from "zod";
import { htmlToText } from "../text/html.js";
import type { InboundItem, Profile } from "../types.js";

const rendered = z.object({ rendered: z.string(), raw: z.string().optional() });

/** `GET /wp/v2/users/me?context=edit`: `capabilities` and `username` are only there in the edit context. */
export const user = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  link: z.string().nullish(),
  roles: z.array(z.string()).optional(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
});
export const post = z.object({ id: z.number(), link: z.string(), title: rendered, content: rendered, status: z.string() });
export const posts = z.array(post);
export const media = z.object({ id: z.number(), source_url: z.string() });
export const comment = z.object({
  id: z.number(),
  post: z.number(),
  parent: z.number(),
  author: z.number(),
  author_name: z.string(),
  author_url: z.string().nullish(),
  date_gmt: z.string(),
  content: rendered,
  link: z.string().nullish(),
});
export const comments = z.array(comment);

export const toProfile = (u: z.infer<typeof user>): Profile => ({
  externalId: String(u.id),
  handle: u.username,
  displayName: u.name || u.username,
  url: u.link ?? null,
});

/** WordPress's `date_gmt` has no zone designator. */
const gmt = (date: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(date) ? date : `${date}Z`);

/**
 * A comment answers its parent comment, or the post itself when it is a top-level comment. Guests have
 * author 0: their name is all WordPress knows about them.
 */
export const toComment = (c: z.infer<typeof comment>): InboundItem => ({
  remoteId: String(c.id),
  kind: "comment",
  text: htmlToText(c.content.rendered),
  createdAt: gmt(c.date_gmt),
  author: {
    externalId: c.author > 0 ? String(c.author) : `guest:${c.author_name}`,
    handle: null,
    displayName: c.author_name || null,
  },
  url: c.link ?? null,
  inReplyTo: String(c.parent > 0 ? c.parent : c.post),
});
