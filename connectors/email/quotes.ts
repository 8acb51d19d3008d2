import EmailReplyParser from "email-reply-parser";

const parser = new EmailReplyParser();

/**
 * What the sender wrote in this message, without the quoted message it answers ("On … wrote:", "> …",
 * "-----Original Message-----") or a signature: classification reads this, storage keeps the whole text.
 * Falls back to the whole text when nothing but a quote is left.
 */
export function visibleReply(text: string): string {
  const visible = parser.parseReply(text).trim();
  return visible || text.trim();
}

/** A subject without its "Re:", "Fwd:", "AW:" … prefixes. */
export const bareSubject = (subject: string): string => subject.replace(/^\s*((re|fwd?|aw|sv|vs|antw)\s*(\[\d+\])?\s*:\s*)+/i, "").trim();
