import { z } from "zod";
import type { InboundEvent } from "../ingest/types.js";

// Meta's Page webhooks (Graph API "feed" changes and Messenger "messaging" events), the parts the inbox
// reads: https://developers.facebook.com/docs/graph-api/webhooks/reference/page and
// https://developers.facebook.com/docs/messenger-platform/webhooks.

const FeedChange = z.object({
  field: z.string(),
  value: z
    .object({
      item: z.string().optional(),
      verb: z.string().optional(),
      comment_id: z.string().optional(),
      post_id: z.string().optional(),
      parent_id: z.string().optional(),
      message: z.string().optional(),
      created_time: z.number().finite().min(0).max(1e11).optional(),
      from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    })
    .passthrough(),
});

const Messaging = z.object({
  sender: z.object({ id: z.string() }),
  recipient: z.object({ id: z.string() }).optional(),
  timestamp: z.number().finite().min(0).max(1e14),
  message: z.object({ mid: z.string(), text: z.string().optional(), is_echo: z.boolean().optional() }).passthrough().optional(),
});

export const MetaWebhookBody = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number().finite().min(0).max(1e11).optional(),
      changes: z.array(FeedChange).optional(),
      messaging: z.array(Messaging).optional(),
    }),
  ),
});
export type MetaWebhookBody = z.infer<typeof MetaWebhookBody>;

/** What one page's entry brings: comments added under its posts and messages people sent it. */
export function eventsOfEntry(entry: MetaWebhookBody["entry"][number], accountId: string, network: string): InboundEvent[] {
  const events: InboundEvent[] = [];
  for (const change of entry.changes ?? []) {
    const v = change.value;
    if (change.field !== "feed" || v.item !== "comment" || v.verb !== "add" || !v.comment_id || !v.from) continue;
    // The page's own comments are its answers, not the public's.
    if (v.from.id === entry.id) continue;
    events.push({
      accountId,
      network,
      kind: "comment",
      remoteId: v.comment_id,
      text: v.message ?? "",
      createdAt: new Date((v.created_time ?? entry.time ?? Date.now() / 1000) * 1000),
      author: { externalId: v.from.id, handle: null, displayName: v.from.name ?? null },
      threadRoot: v.post_id ?? null,
      inReplyTo: v.parent_id && v.parent_id !== v.post_id ? v.parent_id : null,
    });
  }
  for (const m of entry.messaging ?? []) {
    if (!m.message || m.message.is_echo) continue;
    events.push({
      accountId,
      network,
      kind: "message",
      remoteId: m.message.mid,
      text: m.message.text ?? "",
      createdAt: new Date(m.timestamp),
      author: { externalId: m.sender.id, handle: null, displayName: null },
    });
  }
  return events;
}
