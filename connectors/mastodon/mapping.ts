import { z } from "zod";
import type { InboundItem, Profile } from "../types.js";

export const account = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string(),
  url: z.string().nullish(),
});
export const status = z.object({
  id: z.string(),
  url: z.string().nullish(),
  uri: z.string(),
  content: z.string(),
  created_at: z.string(),
  in_reply_to_id: z.string().nullish(),
  account: account.optional(),
});
export const notification = z.object({ id: z.string(), type: z.string(), created_at: z.string(), account, status: status.nullish() });
export const notifications = z.array(notification);
export const statuses = z.array(status);
export const searchResults = z.object({ statuses: z.array(status) });
export const registeredApp = z.object({ client_id: z.string(), client_secret: z.string() });

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
  "&nbsp;": " ",
};

/** Mastodon sends statuses as sanitized HTML; the inbox wants plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .trim();
}

/** Full handle `user@host`: the same username exists on many servers. */
export const toProfile = (a: z.infer<typeof account>, baseUrl: string): Profile => ({
  externalId: a.id,
  handle: a.acct.includes("@") ? a.acct : `${a.acct}@${new URL(baseUrl).host}`,
  displayName: a.display_name || a.username,
  url: a.url ?? null,
});

export function toMention(n: z.infer<typeof notification>): InboundItem | null {
  if (!n.status) return null;
  return {
    remoteId: n.status.id,
    kind: "mention",
    text: htmlToText(n.status.content),
    createdAt: new Date(n.status.created_at),
    author: { externalId: n.account.id, handle: n.account.acct, displayName: n.account.display_name || null },
    url: n.status.url ?? n.status.uri,
    inReplyTo: n.status.in_reply_to_id ?? null,
  };
}

/** A public status found by search or on a hashtag's timeline (one without its author is skipped). */
export function toFoundItem(s: z.infer<typeof status>): InboundItem | null {
  if (!s.account) return null;
  return {
    remoteId: s.id,
    kind: "mention",
    text: htmlToText(s.content),
    createdAt: new Date(s.created_at),
    author: { externalId: s.account.id, handle: s.account.acct, displayName: s.account.display_name || null },
    url: s.url ?? s.uri,
    inReplyTo: s.in_reply_to_id ?? null,
  };
}

/** The `max_id` of the Link header's rel="next", never the URL itself (it could point at another host). */
export function nextMaxId(link: string | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return new URL(match[1]).searchParams.get("max_id");
  }
  return null;
}
