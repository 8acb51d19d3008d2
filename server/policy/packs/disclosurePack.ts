import type { PackDefinition } from "./pack.js";

// Paid posts and employees' advocacy shares must say so (FTC endorsement guides, UK CAP code): a
// disclosure hashtag the audience recognises.
const DISCLOSURES = new Set(["#ad", "#sponsored", "#advertisement"]);
const normalise = (tag: string) => tag.toLowerCase().replace("＃", "#");

export const disclosurePack: PackDefinition = {
  id: "disclosure",
  title: "Disclosure",
  rules: [{ id: "missing-disclosure", description: "#ad or #sponsored on paid posts and employee-advocacy shares", level: "error" }],
  build({ guideUrl }) {
    return ({ post, context }) => {
      if (context.kind !== "paid" && context.kind !== "advocacy") return [];
      // A configured disclosure (an advocacy programme's #AcmeEmployee) is the one this text must carry.
      const configured = (context.disclosure_tags ?? []).map(normalise);
      const accepted = configured.length > 0 ? new Set(configured) : DISCLOSURES;
      if (post.hashtags.some((h) => accepted.has(normalise(h.text)))) return [];
      const tag = context.disclosure_tags?.[0]?.replace("＃", "#") ?? "#ad";
      const why =
        configured.length > 0
          ? `Add ${tag} to the text itself, so readers see that you speak for your employer (a note in your profile is not enough).`
          : context.kind === "paid"
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
          expected: [` ${tag}`],
          url: `${guideUrl}#disclosure`,
        },
      ];
    };
  },
};
