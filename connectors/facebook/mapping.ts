import { z } from "zod";
import { paged } from "../meta/graph.js";
import type { InboundItem, Profile } from "../types.js";

export const page = z.object({ id: z.string(), name: z.string(), username: z.string().optional(), link: z.string().optional() });
export const managedPages = paged(page.extend({ access_token: z.string() }));
export const createdPost = z.object({ id: z.string() });

const from = z.object({ id: z.string(), name: z.string().optional() });
const entry = z.object({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  from: from.optional(),
  permalink_url: z.string().optional(),
});
export const entries = paged(entry);

export const toProfile = (p: z.infer<typeof page>): Profile => ({
  externalId: p.id,
  handle: p.username ?? p.id,
  displayName: p.name,
  url: p.link ?? `https://www.facebook.com/${p.id}`,
});

/** Page post ids are "{page-id}_{post-id}"; facebook.com resolves them to the post. */
export const postUrl = (id: string) => `https://www.facebook.com/${id}`;

export const toInbound = (e: z.infer<typeof entry>, kind: InboundItem["kind"], inReplyTo: string | null): InboundItem => ({
  remoteId: e.id,
  kind,
  text: e.message ?? "",
  createdAt: new Date(e.created_time),
  author: { externalId: e.from?.id ?? "", handle: null, displayName: e.from?.name ?? null },
  url: e.permalink_url ?? null,
  inReplyTo,
});
