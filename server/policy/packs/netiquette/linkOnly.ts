import type { NetiquetteRule } from "./rule.js";

/** A link needs words of its own (hashtags, mentions and the link itself do not count). */
export const linkOnly: NetiquetteRule = {
  id: "link-only",
  anchor: "link-only",
  level: "warning",
  description: "A link with no words of its own",
  find({ post }) {
    const url = post.urls[0];
    if (!url) return [];
    const tagBodies = new Set(post.hashtags.map((h) => h.start + 1));
    const own = post.words.filter((w) => !tagBodies.has(w.start));
    if (own.length >= 3) return [];
    return [
      {
        start: url.start,
        end: url.end,
        actual: url.text,
        reason: "A link with no words of its own: say in a sentence why it is worth the click.",
      },
    ];
  },
};
