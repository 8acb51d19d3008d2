import type { Level, RawFinding } from "../../types.js";
import type { PackDefinition } from "../pack.js";
import type { LexiconData } from "./lexiconData.js";
import { PhraseMatcher } from "./phraseMatcher.js";

type Kind = "banned" | "confidential" | "competitor" | "brand" | "swap";

interface TermRule {
  kind: Kind;
  term: string;
  /** For brands: the one right spelling; for swaps: the word to use. */
  expected?: string;
  /** A brand's exact spelling itself (not a variant): only other casings are findings. */
  canonical?: boolean;
  reason?: string;
  level?: Level;
}

const ANCHOR: Record<Kind, string> = {
  banned: "lexicon-banned",
  confidential: "lexicon-confidential",
  competitor: "lexicon-competitors",
  brand: "lexicon-brands",
  swap: "lexicon-swaps",
};

function reasonFor(rule: TermRule, actual: string): string {
  if (rule.reason) return rule.reason;
  switch (rule.kind) {
    case "banned":
      return `“${actual}” is on the company's list of banned terms.`;
    case "confidential":
      return `“${actual}” is a confidential name: it must not appear in public posts.`;
    case "competitor":
      return `“${actual}” is a competitor's name: check that the post treats them fairly and that PR or legal agree.`;
    case "brand":
      return `Write “${rule.expected}”, not “${actual}”: it is spelled one way.`;
    case "swap":
      return `Use “${rule.expected}” instead of “${actual}”.`;
  }
}

export function buildLexiconMatcher(lexicon: LexiconData): PhraseMatcher<TermRule> {
  const matcher = new PhraseMatcher<TermRule>();
  const simple = (kind: Kind, list: LexiconData["banned"]) => {
    for (const t of list) matcher.add(typeof t === "string" ? t : t.term, typeof t === "string" ? { kind, term: t } : { kind, ...t });
  };
  simple("banned", lexicon.banned);
  simple("confidential", lexicon.confidential);
  simple("competitor", lexicon.competitors);
  for (const b of lexicon.brands) {
    const brand = typeof b === "string" ? { term: b, variants: [] as string[], reason: undefined } : b;
    matcher.add(brand.term, { kind: "brand", term: brand.term, expected: brand.term, canonical: true, reason: brand.reason });
    for (const v of brand.variants) matcher.add(v, { kind: "brand", term: v, expected: brand.term, reason: brand.reason });
  }
  for (const s of lexicon.swaps) matcher.add(s.term, { kind: "swap", term: s.term, expected: s.use, reason: s.reason, level: s.level });
  return matcher;
}

export const lexiconPack: PackDefinition = {
  id: "lexicon",
  title: "Company lexicon",
  rules: [
    { id: "banned", description: "Terms the organisation never uses", level: "error" },
    { id: "confidential", description: "Confidential project and product names", level: "error" },
    { id: "competitor", description: "Competitors' names", level: "warning" },
    { id: "brand", description: "Brand names spelled the one right way", level: "warning" },
    { id: "swap", description: "Preferred words", level: "suggestion" },
  ],
  build({ lexicon, enabledRules, guideUrl }) {
    const matcher = buildLexiconMatcher(lexicon);
    const defaults = new Map(lexiconPack.rules.map((r) => [r.id, r.level]));
    return ({ post }) => {
      if (matcher.size === 0) return [];
      const found: RawFinding[] = [];
      const emit = (rule: TermRule, start: number, end: number, inHashtag: boolean) => {
        if (!enabledRules.has(rule.kind)) return;
        const actual = post.text.slice(start, end);
        if (rule.kind === "brand" && (inHashtag || (rule.canonical && actual === rule.expected))) return;
        found.push({
          source: "lexicon",
          ruleId: rule.kind,
          level: rule.level ?? defaults.get(rule.kind) ?? "warning",
          reason: reasonFor(rule, actual),
          start,
          end,
          actual,
          ...(rule.expected !== undefined ? { expected: [rule.expected] } : {}),
          url: `${guideUrl}#${ANCHOR[rule.kind]}`,
        });
      };
      for (const m of matcher.match(post.words)) {
        const inHashtag = post.text[m.start - 1] === "#" || post.text[m.start - 1] === "＃";
        for (const rule of m.values) emit(rule, m.start, m.end, inHashtag);
      }
      for (const tag of post.hashtags) {
        for (const rule of matcher.matchCompact(tag.text.slice(1))) emit(rule, tag.start, tag.end, true);
      }
      return found;
    };
  },
};
