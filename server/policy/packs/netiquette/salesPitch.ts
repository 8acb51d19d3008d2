import type { NetiquetteRule } from "./rule.js";

// Sales-pitch language: the calls to buy, the urgency and the superlatives the netiquette guide asks
// people to leave out ("treat followers as a community, not as leads").
const SALES_PITCH =
  /\b(?:(?:buy|order|shop|book|subscribe|sign up|act|call|click|download|upgrade|register) (?:now|today|here)|limited[- ]time(?: only| offer)?|(?:offer|deal|sale|discount|promotion)s? ends?|(?:don['’]?t|do not) miss (?:out|this|it)|while (?:supplies|stocks?) last|hurry|act fast|last chance|before it['’]?s gone|only [$€£]\d[\d,.]*|\d{1,3}\s?% off|(?:huge|massive|big|biggest|best) (?:sale|deals?|discounts?|savings?)|(?:lowest|best|cheapest|unbeatable) (?:prices?|deals?|rates?)|(?:best|greatest|finest) (?:ever|in the world|on the market)|(?:world|america|europe|industry)['’]s (?:best|leading|favou?rite|#1|number one)|number one|no\. ?1|revolutionary|game[- ]chang(?:ing|er)|unbeatable|unrivall?ed|unmatched|best[- ]in[- ]class|must[- ]have|free trial|discount code|promo code|use code|exclusive offer|special offer|amazing deal)\b|(?<![\p{L}\p{N}])#1\b/giu;

export const salesPitch: NetiquetteRule = {
  id: "sales-pitch",
  anchor: "sales-pitch",
  level: "warning",
  description: "Calls to buy, urgency, price pushes and superlatives",
  find: ({ post }) =>
    [...post.prose.matchAll(SALES_PITCH)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      actual: m[0],
      reason: `“${m[0]}” reads as a sales pitch. Followers are a community, not leads: offer insight or ask a question instead.`,
    })),
};
