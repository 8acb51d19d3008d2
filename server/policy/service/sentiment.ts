import type { PolicyContextInput } from "../context.js";

/**
 * The brand's recent inbound sentiment and whether a crisis is active, as the campaign-risk check
 * reads it. The inbox implements this from what it has classified; until it exists the figures are
 * unknown (the check then stays quiet), and tests set their own source.
 */
export interface BrandSentimentSource {
  current(): Promise<Pick<PolicyContextInput, "brand_sentiment" | "sentiment_figures" | "crisis" | "crisis_reason">>;
}

export const unknownSentiment: BrandSentimentSource = { current: async () => ({}) };
