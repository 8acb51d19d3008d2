import type { ClaimKind, Level, PostKind } from "../../api/policy.js";

export const LEVEL_LABELS: Record<Level, string> = { suggestion: "Suggestion", warning: "Warning", error: "Error" };

/** What each level does to a post, for hints beside the level selects. */
export const LEVEL_HINT = "An error blocks publishing unless an admin overrides it; warnings and suggestions are advice.";

export const KIND_LABELS: Record<PostKind, string> = {
  post: "Post",
  engagement: "Engagement post (asks the audience something)",
  reply: "Reply",
  advocacy: "Employee advocacy share",
  paid: "Paid or sponsored post",
};

export const CLAIM_LABELS: Record<ClaimKind, { title: string; example: string }> = {
  price: { title: "Prices", example: "“from 49 euros”" },
  discount: { title: "Discounts", example: "“30% off”" },
  date: { title: "Dates and deadlines", example: "“until 31 March”" },
  guarantee: { title: "Guarantees", example: "“money-back guarantee”" },
  availability: { title: "Availability", example: "“in stock now”" },
  health: { title: "Health claims", example: "“boosts your immune system”" },
  financial: { title: "Financial claims", example: "“returns of 8% a year”" },
};

/** The built-in packs (docs/policy.md); any other source is an uploaded Vale style. */
export const PACKS: Record<string, { title: string; summary: string }> = {
  language: { title: "Language", summary: "Profanity, inclusive language and readability." },
  netiquette: {
    title: "Netiquette",
    summary: "Sales pitches, shouting, hashtag stuffing, link-only posts, exclamation runs, and replies that ignore a complaint.",
  },
  disclosure: { title: "Disclosure", summary: "#ad or #sponsored on paid and advocacy posts." },
  claims: { title: "Claims", summary: "Prices, discounts, dates, guarantees, availability, health and financial claims." },
  lexicon: { title: "Lexicon", summary: "The company's own words: banned, confidential, competitors, brand spellings and swaps." },
  "campaign-risk": { title: "Campaign risk", summary: "Inviting the public to answer while sentiment is negative or a crisis is on." },
};

export const sourceTitle = (source: string) => PACKS[source]?.title ?? source;
