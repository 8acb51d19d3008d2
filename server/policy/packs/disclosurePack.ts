import type { PackDefinition } from "./pack.js";

// Paid posts and employees' advocacy shares must say so (FTC endorsement guides, UK CAP code): a
// disclosure hashtag the audience recognises.
const DISCLOSURES = new Set(["#ad", "#sponsored", "#advertisement"]);

export const disclosurePack: PackDefinition = {
  id: "disclosure",
  title: "Disclosure",
  rules: [{ id: "missing-disclosure", description: "#ad or #sponsored on paid posts and employee-advocacy shares", level: "error" }],
  build({ guideUrl }) {
    return ({ post, context }) => {
      if (context.kind !== "paid" && context.kind !== "advocacy") return [];
      if (post.hashtags.some((h) => DISCLOSURES.has(h.text.toLowerCase().replace("＃", "#")))) return [];
      const why =
        context.kind === "paid"
          ? "This is a paid post: add #ad or #sponsored so readers know it is advertising."
          : "This is an employee-advocacy share: add #ad (or #sponsored) so readers know you speak for your employer.";
      return [
        {
          source: "disclosure",
          ruleId: "missing-disclosure",
          level: "error",
          reason: why,
          // A zero-width finding where the tag goes: the fix inserts it after the last word.
          start: post.text.trimEnd().length,
          end: post.text.trimEnd().length,
          actual: "",
          expected: [" #ad"],
          url: `${guideUrl}#disclosure`,
        },
      ];
    };
  },
};
