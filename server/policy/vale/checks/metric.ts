import { syllable } from "syllable";
import { formatMessage } from "../../text/format.js";
import { type PostText, paragraphs, sentences } from "../../text/postText.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import { compileFormula } from "../metricFormula.js";
import type { MetricSpec } from "../ruleSpec.js";

/** The variables Vale gives a `metric` formula, computed over the post's prose. */
export function metricVariables(post: PostText): Record<string, number> {
  let syllables = 0;
  let polysyllabic = 0;
  let long = 0;
  let characters = 0;
  for (const w of post.words) {
    const n = syllable(w.text);
    syllables += n;
    if (n >= 3) polysyllabic++;
    if (w.text.length >= 7) long++;
    characters += w.text.length;
  }
  return {
    words: post.words.length,
    sentences: sentences(post.prose).length,
    paragraphs: paragraphs(post.prose).length,
    characters,
    syllables,
    polysyllabic_words: polysyllabic,
    complex_words: polysyllabic,
    long_words: long,
    // Markup a post never has.
    pre: 0,
    list: 0,
    blockquote: 0,
    heading_h1: 0,
    heading_h2: 0,
    heading_h3: 0,
    heading_h4: 0,
    heading_h5: 0,
    heading_h6: 0,
  };
}

/** `metric`: a formula over word, sentence and syllable counts, and a condition that makes it a finding. */
export function compileMetric(spec: MetricSpec, head: RuleHead) {
  const formula = compileFormula(spec.formula.replace(/heading\.(h[1-6])/g, "heading_$1"));
  const condition = compileFormula(`result ${spec.condition}`);
  return (post: PostText): RawFinding[] => {
    if (post.words.length === 0) return [];
    const value = Number(formula(metricVariables(post)));
    if (!Number.isFinite(value)) return [];
    if (!condition({ result: value })) return [];
    return [finding(head, 0, post.text.length, formatMessage(spec.message, value.toFixed(2)), post.text)];
  };
}
