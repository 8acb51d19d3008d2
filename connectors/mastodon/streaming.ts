/**
 * Mastodon's streaming API (https://docs.joinmastodon.org/methods/streaming/): `GET
 * /api/v1/streaming/user/notification` with the account's token, answered with server-sent events. A
 * notification arrives as `event: notification` whose data is the Notification entity; the server sends
 * a `:thump` comment as a heartbeat. The standard nginx set-up of a Mastodon server routes
 * `/api/v1/streaming` on the main address to the streaming server, so the account's server address is used.
 */
import type { ServerSentEvent } from "../streams.js";
import type { InboundItem } from "../types.js";
import { notification, toMention } from "./mapping.js";

export const streamingUrl = (baseUrl: string) => new URL("/api/v1/streaming/user/notification", baseUrl);

export type MastodonStreamMessage =
  | { kind: "heartbeat" }
  /** A mention of the account (a reply to it included): an inbox item. */
  | { kind: "mention"; item: InboundItem }
  /** Another notification (a follow, a favourite) or another event: nothing for the inbox. */
  | { kind: "ignored" }
  /** A notification event whose data is not the documented JSON: counted and skipped. */
  | { kind: "malformed" };

export function parseStreamingEvent(event: ServerSentEvent): MastodonStreamMessage {
  if (event.type === "comment") return { kind: "heartbeat" };
  if (event.event !== "notification") return { kind: "ignored" };
  let json: unknown;
  try {
    json = JSON.parse(event.data);
  } catch {
    return { kind: "malformed" };
  }
  const parsed = notification.safeParse(json);
  if (!parsed.success) return { kind: "malformed" };
  if (parsed.data.type !== "mention") return { kind: "ignored" };
  const item = toMention(parsed.data);
  return item ? { kind: "mention", item } : { kind: "ignored" };
}
