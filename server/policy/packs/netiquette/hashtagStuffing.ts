import type { NetiquetteRule } from "./rule.js";

/** More hashtags than the guide allows; the finding covers the ones past the limit. */
export const hashtagStuffing: NetiquetteRule = {
  id: "hashtag-stuffing",
  anchor: "hashtags",
  level: "warning",
  description: "More hashtags than the guide allows",
  find({ post }, { maxHashtags }) {
    const first = post.hashtags[maxHashtags];
    const last = post.hashtags.at(-1);
    if (!first || !last) return [];
    return [
      {
        start: first.start,
        end: last.end,
        actual: post.text.slice(first.start, last.end),
        reason: `${post.hashtags.length} hashtags: more than ${maxHashtags} reads as spam and lowers reach. Keep the one or two that matter.`,
      },
    ];
  },
};
