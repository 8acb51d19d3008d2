import { asksQuestion, findInvitation } from "../../text/invitation.js";
import type { NetiquetteRule } from "./rule.js";

/** An engagement post exists to start a conversation: it needs a question or an invitation. */
export const noQuestion: NetiquetteRule = {
  id: "no-question",
  anchor: "ask-questions",
  level: "warning",
  description: "An engagement post with no question or invitation to the audience",
  find({ post, context }) {
    const { text, prose } = post;
    if (context.kind !== "engagement" || !text.trim() || asksQuestion(prose) || findInvitation(prose)) return [];
    return [
      {
        start: 0,
        end: text.length,
        actual: text,
        reason: "An engagement post should invite the audience in: ask a question or invite replies (“What would you add?”).",
      },
    ];
  },
};
