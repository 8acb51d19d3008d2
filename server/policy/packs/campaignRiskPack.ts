import type { PolicyContext } from "../context.js";
import { findInvitation } from "../text/invitation.js";
import type { PackDefinition } from "./pack.js";

// The #QantasLuxury lesson: Qantas asked the public to "tell us your dream luxury in-flight
// experience" the day after a strike grounded its fleet, and the hashtag became a public roasting.
// A draft that invites the public to answer while the brand's inbound sentiment is negative (or a
// crisis is active) is an error, and the finding gives the figures the decision rests on.

const percent = (share: number) => `${Math.round(share * 100)}%`;

function mood(context: PolicyContext): string {
  const parts: string[] = [];
  if (context.crisis) parts.push(`a crisis is active${context.crisis_reason ? ` (${context.crisis_reason})` : ""}`);
  if (context.brand_sentiment === "negative") {
    const f = context.sentiment_figures;
    let figures = "";
    if (f?.negative_share !== undefined) {
      const over = f.mentions !== undefined ? ` of ${f.mentions.toLocaleString("en")} mentions` : " of mentions";
      const window = f.window_hours !== undefined ? ` in the last ${f.window_hours} hours` : "";
      const usual = f.baseline_negative_share !== undefined ? `, against ${percent(f.baseline_negative_share)} usually` : "";
      figures = `: ${percent(f.negative_share)}${over}${window} are negative${usual}`;
    }
    parts.push(`the brand's recent inbound sentiment is negative${figures}`);
  }
  return parts.join(" and ");
}

export const campaignRiskPack: PackDefinition = {
  id: "campaign-risk",
  title: "Campaign risk",
  rules: [
    {
      id: "invitation-during-backlash",
      description: "Inviting the public to answer while sentiment is negative or a crisis is active",
      level: "error",
    },
  ],
  build({ guideUrl }) {
    return ({ post, context }) => {
      if (context.brand_sentiment !== "negative" && !context.crisis) return [];
      const invitation = findInvitation(post.prose) ?? (post.hashtags.length > 0 ? findHashtagCampaign(post.prose) : undefined);
      if (!invitation) return [];
      return [
        {
          source: "campaign-risk",
          ruleId: "invitation-during-backlash",
          level: "error",
          reason: `This draft invites the public to answer (“${invitation.text}”) while ${mood(context)}. An open invitation now becomes a stage for complaints, as #QantasLuxury did the day after a strike: hold it until sentiment recovers, or answer the complaints first.`,
          start: invitation.start,
          end: invitation.end,
          actual: invitation.text,
          url: `${guideUrl}#campaign-timing`,
        },
      ];
    };
  },
};

/** "Join the conversation with #X", "post your ... with #X": a hashtag campaign without the usual phrases. */
function findHashtagCampaign(prose: string) {
  const m = /\b(?:with|using|use|add|tag (?:it|them) with|post (?:it|them|yours) with)\s+#[\p{L}\p{N}_]+/iu.exec(prose);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0] } : undefined;
}
