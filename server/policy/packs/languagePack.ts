import retextEmoji from "retext-emoji";
import retextEnglish from "retext-english";
import retextEquality from "retext-equality";
import retextProfanities from "retext-profanities";
import retextReadability from "retext-readability";
import retextSyntaxMentions from "retext-syntax-mentions";
import retextSyntaxUrls from "retext-syntax-urls";
import { type Processor, unified } from "unified";
import { VFile } from "vfile";
import type { RawFinding } from "../types.js";
import type { PackDefinition } from "./pack.js";

// Profanity, inclusive language and readability from the retext ecosystem, parsed by retext-english
// with @mentions, URLs and emoji understood as such (so "@dickssportinggoods" or a URL is not prose).
// Profanities and equality search thousands of phrases with nlcst-search, patched to keep its
// phrase index between runs (patches/): unpatched, building it cost most of a check's time.

const RULE_OF_SOURCE: Record<string, string> = {
  "retext-profanities": "profanity",
  "retext-equality": "inclusive",
  "retext-readability": "readability",
};

const ANCHOR: Record<string, string> = { profanity: "profanity", inclusive: "inclusive-language", readability: "readability" };

/** The retext pipeline with the given checks: the language pack, and the benchmark's baseline. */
export function retextPipeline(rules: ReadonlySet<string>, readabilityAge = 16): Processor {
  // unified's processor type changes with every `use`; the pack only needs parse + runSync.
  let p = unified().use(retextEnglish).use(retextEmoji).use(retextSyntaxMentions).use(retextSyntaxUrls) as unknown as Processor;
  if (rules.has("profanity")) p = p.use(retextProfanities) as unknown as Processor;
  if (rules.has("inclusive")) p = p.use(retextEquality) as unknown as Processor;
  if (rules.has("readability")) p = p.use(retextReadability, { age: readabilityAge }) as unknown as Processor;
  return p.freeze();
}

export function runRetext(processor: Processor, text: string): VFile {
  const file = new VFile(text);
  processor.runSync(processor.parse(file), file);
  return file;
}

export const languagePack: PackDefinition = {
  id: "language",
  title: "Language",
  rules: [
    { id: "profanity", description: "Profane or vulgar words (retext-profanities)", level: "warning" },
    { id: "inclusive", description: "Insensitive, inconsiderate wording (retext-equality)", level: "suggestion" },
    { id: "readability", description: "Sentences hard to read (retext-readability)", level: "suggestion" },
  ],
  build({ enabledRules, readabilityAge, guideUrl }) {
    if (enabledRules.size === 0) return () => [];
    const processor = retextPipeline(enabledRules, readabilityAge);
    const levels = new Map(languagePack.rules.map((r) => [r.id, r.level]));
    return ({ post }) => {
      if (!/\p{L}/u.test(post.text)) return [];
      const file = runRetext(processor, post.text);
      const found: RawFinding[] = [];
      for (const m of file.messages) {
        const rule = RULE_OF_SOURCE[m.source ?? ""];
        if (!rule) continue;
        const start = m.place && "start" in m.place ? m.place.start.offset : m.place?.offset;
        const end = m.place && "end" in m.place ? m.place.end.offset : start;
        if (start === undefined || end === undefined) continue;
        found.push({
          source: "language",
          ruleId: rule,
          level: levels.get(rule) ?? "suggestion",
          reason: m.reason,
          start,
          end,
          actual: m.actual ?? post.text.slice(start, end),
          ...(m.expected && m.expected.length > 0 ? { expected: [...m.expected] } : {}),
          url: `${guideUrl}#${ANCHOR[rule]}`,
          origin: `${m.source}:${m.ruleId}`,
        });
      }
      return found;
    };
  },
};
