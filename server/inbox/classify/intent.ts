import type { Intent, Sentiment } from "./labels.js";

/** What the intent rules look at: the decoded text and the model's verdicts on it. */
export interface IntentInput {
  text: string;
  sentiment: Sentiment;
  sentimentConfidence: number;
  /** A complaint topic the model is confident of (null: none, or the reason "Can't Tell"). */
  topic: string | null;
}

/** Negative with this much confidence is a complaint even when the model cannot say about what. */
export const STRONG_NEGATIVE = 0.8;

// Promotion patterns: specific phrases, not single words ("free" is in many complaints: "I want a free flight").
const PROMO =
  /\b(?:giveaway|give away|chance to win|win (?:a|an|free|tickets?)|enter to win|promo code|coupon|discount code|click (?:here|the link|below)|\d+\s?% off|follow (?:me|back|us)|(?:get|buy|gain) (?:more )?followers|check out (?:my|our)|subscribe to|dm (?:me )?for|buy now|shop now|limited time|act now|earn \$|make money|work from home|deal of the day)\b/gi;
/** A cheap first look: every PROMO phrase contains one of these. */
const PROMO_HINT =
  /win|give|promo|coupon|code|click|%|follow|check out|subscribe|dm |buy now|shop|limited|act now|earn|money|work from|deal/i;
const URL = /\b(?:https?:\/\/|www\.)\S/i;
const HASHTAG = /(?:^|\s)#\w/g;

// Purchase or booking intent: wanting to buy, asking a price, asking what is on offer.
const PURCHASE =
  /\b(?:(?:want|wanna|would like|'d like|looking|trying|planning|hoping|need) to (?:book|buy|purchase|get (?:a |some )?(?:tickets?|seats?|flights?)|fly (?:with|to|from))|how (?:much|do i (?:book|buy|get))|(?:price|fare|cost|quote|rates?) (?:for|to|of|from)|interested in (?:booking|buying|flying|your|a)|sign (?:me |us )?up|do you (?:fly|go|have (?:any )?(?:flights?|seats?|deals?|fares?|availability))|(?:any|cheap|best) (?:deals|fares|flights) (?:to|from|for)|book(?:ing)? (?:a|my|our|\d+) (?:flights?|trips?|tickets?|seats?)|group (?:booking|rates?|travel)|corporate (?:account|rates?|travel)|(?:buy|purchase) (?:a |an |some )?(?:tickets?|upgrade|seats?|gift cards?|passes?))\b/i;

// A question to the brand: a question mark, or a sentence that opens (after @mentions) like one.
const QUESTION_OPENING =
  /^(?:(?:@\w+|#\w+)[\s,:]*)*(?:how|what|when|where|why|who|which|can|could|will|would|is|are|do|does|did|should|may|any|anyone|has|have)\b/i;

const count = (pattern: RegExp, text: string) => {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
};

/**
 * The intent of a message. The dataset has no intent labels, so intent is derived by rules from the
 * model's sentiment and topic and a few text cues, first match wins:
 * 1. complaint: negative with a complaint topic, or negative with confidence ≥ STRONG_NEGATIVE;
 * 2. spam: a promotion phrase with a link, two promotion phrases, or a link with 5+ hashtags;
 * 3. lead: a purchase or booking cue ("want to book", "how much", "do you fly to") in a message that is not negative;
 * 4. question: a question mark, or a message that opens like a question ("how", "can you", "is there");
 * 5. praise: positive;
 * 6. other.
 */
export function deriveIntent(input: IntentInput): Intent {
  const { text, sentiment } = input;
  if (sentiment === "negative" && (input.topic !== null || input.sentimentConfidence >= STRONG_NEGATIVE)) return "complaint";
  const hasUrl = URL.test(text);
  const promos = PROMO_HINT.test(text) ? count(PROMO, text) : 0;
  if ((promos > 0 && hasUrl) || promos >= 2 || (hasUrl && count(HASHTAG, text) >= 5)) return "spam";
  if (sentiment !== "negative" && PURCHASE.test(text)) return "lead";
  if (text.includes("?") || QUESTION_OPENING.test(text)) return "question";
  if (sentiment === "positive") return "praise";
  return "other";
}
