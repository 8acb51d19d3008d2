import { assessReply } from "./complaintReply.js";
import type { NetiquetteRule } from "./rule.js";

/** A reply to a complaint (context `in_reply_to`) must take up what the customer said. */
export const ignoresComplaint: NetiquetteRule = {
  id: "ignores-complaint",
  anchor: "answering-complaints",
  level: "warning",
  description: "A reply to a complaint that ignores what the customer said",
  find({ post, context }) {
    const { text } = post;
    if (!context.in_reply_to || !text.trim()) return [];
    const a = assessReply(post, context.in_reply_to);
    if (!a.complaint || (a.overlaps && a.acknowledges)) return [];
    const subject = a.keys.slice(0, 4).join(", ");
    const missing = [
      !a.overlaps && `mentions none of what they wrote about (${subject || "their words"})`,
      !a.acknowledges && "does not acknowledge the problem",
    ].filter(Boolean);
    return [
      {
        start: 0,
        end: text.length,
        actual: text,
        // Both missing is a canned reply (warning); one missing is a nudge.
        level: !a.overlaps && !a.acknowledges ? "warning" : "suggestion",
        reason: `This reply to a complaint ${missing.join(" and ")}. Answer calmly: name their issue, say sorry where it is due, and say what happens next.`,
      },
    ];
  },
};
