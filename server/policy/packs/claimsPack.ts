import type { ClaimKind, RawFinding } from "../types.js";
import type { PackDefinition } from "./pack.js";

// Promises a post makes that someone other than marketing must be able to keep. Each finding names
// its claim kind; the approval hook adds the approver group configured for that kind (finance for
// prices, operations for dates and availability, legal for guarantees, health and financial claims).

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAY = "(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?";

const PATTERNS: Record<ClaimKind, RegExp> = {
  price:
    /(?:[$€£¥₹]\s?\d[\d,.]*(?:\s?[kKmM]\b)?|\b\d[\d,.]*\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|bucks)\b|\bfree (?:shipping|delivery|upgrade|trial|of charge)\b|\b(?:for|is|are) free\b|\bat no (?:extra )?cost\b|\bprice[sd]? (?:at|from|starting)\b|\bstarting (?:at|from) [$€£]?\d)/giu,
  discount:
    /\b(?:\d{1,3}\s?%\s?(?:off|discount|cheaper|savings?)|half[- ]price|discount(?:ed|s)?|coupon|promo(?:tion(?:al)?)? code|voucher|bogo|buy one,? get one|save (?:up to )?[$€£]?\d[\d,.]*%?|(?:on )?sale\b|clearance)\b/giu,
  date: new RegExp(
    `\\b(?:${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}\\b(?: \\d{4})?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?|\\d{4}-\\d{2}-\\d{2}|(?:by|on|until|till|before|from|this|next|every) ${WEEKDAY}|(?:by|before|until|till) (?:the end of|end of|tomorrow|tonight|midnight|noon)|(?:ends?|ending|expires?|deadline|launch(?:es|ing)?|arriv(?:es|ing)|ships?|available) (?:today|tonight|tomorrow|soon|this week(?:end)?|next week|on|in \\d+ (?:days?|weeks?|hours?))|(?:in|within) \\d+ (?:business |working )?(?:days?|hours?|weeks?)|next[- ]day|same[- ]day)`,
    "giu",
  ),
  guarantee:
    /\b(?:guarantee[ds]?|guaranteeing|we promise|promised?|100\s?%|money[- ]back|warrant(?:y|ies|ed)|risk[- ]free|no risk|never (?:fails?|breaks?|late)|always (?:on time|works|available)|lifetime|or your money back)\b/giu,
  availability:
    /\b(?:in stock|out of stock|back in stock|sold out|available (?:now|today|everywhere|in all|at all|from|in stores|online)|now available|limited (?:stock|supply|edition|quantities|seats|spots)|while (?:supplies|stocks?) last|only \d+ (?:left|remaining|available|seats|spots)|(?:open|available) 24\/7|ships? (?:worldwide|today|tomorrow|free)|now open|every (?:store|location))\b/giu,
  health:
    /\b(?:cures?|cured|heals?|healing|treats? (?:\w+ )?(?:disease|illness|cancer|diabetes|depression|anxiety|pain)|prevents? (?:\w+ )?(?:disease|illness|cancer|covid|flu|infection)|boosts? (?:your )?immun\w*|clinically (?:proven|tested)|doctor[- ]recommended|fda[- ](?:approved|cleared)|lose weight|weight[- ]loss|detox\w*|no side effects|immune system|anti[- ]?aging|medical[- ]grade)\b/giu,
  financial:
    /\b(?:\d+(?:\.\d+)?\s?%\s?(?:returns?|apr|apy|interest|yield|roi|a year|per year|annual(?:ly)?)|guaranteed (?:returns?|income|profits?)|returns? of \d|double your money|passive income|get rich|make money|earn (?:up to )?[$€£]?\d|invest(?:ment|ing)? (?:opportunity|returns?)|high[- ]yield|interest rates?|apr\b|roi\b|dividends?|crypto\w*|bitcoin|financial freedom|risk[- ]free (?:investment|returns?))\b/giu,
};

const WHO: Record<ClaimKind, string> = {
  price: "Prices must match what finance has set",
  discount: "Discounts must be agreed with finance and sales",
  date: "Dates and deadlines must be ones operations can meet",
  guarantee: "Guarantees are commitments legal must approve",
  availability: "Availability must be confirmed by operations",
  health: "Health claims need evidence and legal approval",
  financial: "Financial claims are regulated and need compliance approval",
};

export const claimsPack: PackDefinition = {
  id: "claims",
  title: "Claims",
  rules: (Object.keys(PATTERNS) as ClaimKind[]).map((kind) => ({
    id: kind,
    description: `${kind[0]?.toUpperCase()}${kind.slice(1)} claims route to the approver group for ${kind}`,
    level: "warning" as const,
  })),
  build({ enabledRules, guideUrl }) {
    const kinds = (Object.keys(PATTERNS) as ClaimKind[]).filter((k) => enabledRules.has(k));
    return ({ post }) => {
      const found: RawFinding[] = [];
      for (const kind of kinds) {
        for (const m of post.prose.matchAll(PATTERNS[kind])) {
          const actual = m[0].trim();
          if (!actual) continue;
          found.push({
            source: "claims",
            ruleId: kind,
            level: "warning",
            reason: `${kind[0]?.toUpperCase()}${kind.slice(1)} claim “${actual}”: ${WHO[kind]}; this post needs their sign-off.`,
            start: m.index,
            end: m.index + actual.length,
            actual,
            claim: kind,
            url: `${guideUrl}#claims-${kind}`,
          });
        }
      }
      return found;
    };
  },
};
