import { formatMessage } from "../../text/format.js";
import type { PostText } from "../../text/postText.js";
import { compileSafe } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { CapitalizationSpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";

// Small words AP and Chicago keep lower-case inside a title (Vale uses jdkato/prose's lists).
const AP_SMALL = new Set("a an and as at but by en for if in nor of on or per the to v vs via".split(" "));
const CHICAGO_SMALL = new Set([...AP_SMALL, "from", "into", "near", "off", "onto", "out", "over", "past", "than", "up", "upon", "with"]);

const WORDS = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const hasUpper = (w: string) => /\p{Lu}/u.test(w);

function titleCase(text: string, exceptions: Set<string>, small: Set<string>): boolean {
  const words = [...text.matchAll(WORDS)].map((m) => m[0]);
  return words.every((w, i) => {
    if (exceptions.has(w) || /^\p{N}/u.test(w)) return true;
    const edge = i === 0 || i === words.length - 1;
    if (!edge && small.has(w.toLowerCase())) return !isCapitalised(w);
    return isCapitalised(w);
  });
}

function sentenceCase(text: string, exceptions: Set<string>, indicators: string[]): boolean {
  const matches = [...text.matchAll(WORDS)];
  return matches.every((m, i) => {
    const w = m[0];
    if (exceptions.has(w) || /^\p{N}/u.test(w)) return true;
    if (i === 0) return isCapitalised(w) || !/\p{L}/u.test(w);
    const before = text.slice(Math.max(0, m.index - 16), m.index).trimEnd();
    if (indicators.some((s) => before.endsWith(s))) return true;
    if (w === "I" || w.startsWith("I'") || w === w.toUpperCase()) return true; // "I", acronyms
    return !hasUpper(w.charAt(0));
  });
}

/** `capitalization`: each scope block must be in `$title`, `$sentence`, `$lower`, `$upper` case or match a pattern. */
export function compileCapitalization(spec: CapitalizationSpec, head: RuleHead) {
  const exceptions = new Set(spec.exceptions);
  let ok: (text: string) => boolean;
  if (spec.match === "$title") ok = (t) => titleCase(t, exceptions, spec.style === "Chicago" ? CHICAGO_SMALL : AP_SMALL);
  else if (spec.match === "$sentence") ok = (t) => sentenceCase(t, exceptions, spec.indicators);
  else if (spec.match === "$lower") ok = (t) => t === t.toLowerCase();
  else if (spec.match === "$upper") ok = (t) => t === t.toUpperCase();
  else {
    const pattern = compileSafe(spec.match);
    ok = (t) => pattern.test(t) || exceptions.has(t);
  }
  return (post: PostText): RawFinding[] => {
    const found: RawFinding[] = [];
    for (const block of blocksFor(spec.scope, post)) {
      const text = block.text.trim();
      if (!text || ok(text)) continue;
      const start = block.offset + block.text.indexOf(text);
      found.push(finding(head, start, start + text.length, formatMessage(spec.message, text), text));
    }
    return found;
  };
}
