import type { InboundEvent } from "./types.js";

/**
 * The conversation an item belongs to on its channel, as a key: the comments under one post
 * (`post:<post id>`), the direct messages with one person (`dm:<their id>`), an email thread
 * (`email:<first Message-ID>`), a mention and the replies to it (`mention:<first mention's id>`).
 * `threadOf` gives the key of an item already placed on the channel (earlier in the batch, or stored),
 * so a reply to a reply lands in the same conversation.
 */
export function threadKeyOf(event: InboundEvent, threadOf: (remoteId: string) => string | undefined): string {
  switch (event.kind) {
    case "comment":
      return `post:${event.threadRoot ?? event.inReplyTo ?? event.remoteId}`;
    case "message":
      return `dm:${event.author.externalId}`;
    case "email": {
      // The message it answers, when stored, decides: a reply whose mail program dropped References still joins.
      const parent = event.inReplyTo ? threadOf(event.inReplyTo) : undefined;
      return parent ?? `email:${event.threadRoot ?? event.inReplyTo ?? event.remoteId}`;
    }
    case "mention": {
      const parent = event.inReplyTo ? threadOf(event.inReplyTo) : undefined;
      return parent ?? `mention:${event.threadRoot ?? event.inReplyTo ?? event.remoteId}`;
    }
  }
}

/** A conversation's subject: an email's own, or the start of the first message. */
export function subjectOf(event: InboundEvent): string {
  if (event.subject?.trim()) return event.subject.trim().slice(0, 200);
  const start = event.text.slice(0, 200);
  // Most texts have single spaces only: the replace (a new string) only when there is more.
  const line = (/[^\S ]| {2}/.test(start) ? start.replace(/\s+/g, " ") : start).trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || "(no text)";
}
